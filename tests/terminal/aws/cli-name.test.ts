import { describe, expect, it } from 'vitest';
import { cliName } from '../../../src/terminal/aws/cli-name';

describe('cliName', () => {
  it('kebab-cases an operation name', () => {
    expect(cliName('DescribeVpcs')).toBe('describe-vpcs');
  });

  it('keeps an acronym run together before the next word', () => {
    expect(cliName('DBInstanceIdentifier')).toBe('db-instance-identifier');
  });

  it('splits a pluralised acronym at the end as one word', () => {
    expect(cliName('ListWebACLs')).toBe('list-web-acls');
  });

  it('keeps a digit with the letters before it', () => {
    expect(cliName('Ipv6CidrBlock')).toBe('ipv6-cidr-block');
  });

  it('names a single acronym in lower case', () => {
    expect(cliName('ACL')).toBe('acl');
  });
});
