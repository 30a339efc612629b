import { describe, expect, it } from 'vitest';
import { formatJson } from '../../../../src/terminal/aws/output/json-format';
import { formatTable } from '../../../../src/terminal/aws/output/table-format';
import { formatText } from '../../../../src/terminal/aws/output/text-format';
import { formatYaml } from '../../../../src/terminal/aws/output/yaml-format';

describe('formatJson', () => {
  it('prints nothing for an empty answer', () => {
    expect(formatJson({})).toBe('');
  });

  it('prints a scalar query result on its own line', () => {
    expect(formatJson('vpc-1')).toBe('"vpc-1"\n');
  });

  it('prints null for a query that matched nothing', () => {
    expect(formatJson(null)).toBe('null\n');
  });
});

describe('formatText', () => {
  it('prints a list of scalars on one tab-separated line', () => {
    expect(formatText(['us-east-1', 'us-west-2'])).toBe('us-east-1\tus-west-2\n');
  });

  it('prints each row of a list of lists on its own line', () => {
    expect(
      formatText([
        ['i-1', 'running'],
        ['i-2', null],
      ]),
    ).toBe('i-1\trunning\ni-2\tNone\n');
  });

  it('prints booleans as Python does', () => {
    expect(formatText({ IsDefault: true })).toBe('True\n');
  });
});

describe('formatTable', () => {
  it('prints a list of rows under the operation’s title, as the real CLI did for a --query', () => {
    expect(formatTable('DescribeVpcs', [['vpc-03407371ccb37fa3a', '172.31.0.0/16', true]])).toBe(
      [
        '----------------------------------------------------',
        '|                   DescribeVpcs                   |',
        '+------------------------+-----------------+-------+',
        '|  vpc-03407371ccb37fa3a |  172.31.0.0/16  |  True |',
        '+------------------------+-----------------+-------+',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing for an empty list', () => {
    expect(formatTable('DescribeInstances', [])).toBe('');
  });
});

describe('formatYaml', () => {
  it('prints a scalar as JSON, as the CLI does', () => {
    expect(formatYaml('vpc-1')).toBe('"vpc-1"\n');
  });
});
