import { describe, expect, it } from 'vitest';
import { parseShorthand } from '../../../src/terminal/aws/shorthand';

describe('parseShorthand', () => {
  it('reads key=value pairs separated by commas', () => {
    expect(parseShorthand('Key=Name,Value=x')).toEqual({ value: { Key: 'Name', Value: 'x' } });
  });

  it('makes a list of the comma-separated values after one key', () => {
    expect(parseShorthand('Name=vpc-id,Values=vpc-1,vpc-2')).toEqual({
      value: { Name: 'vpc-id', Values: ['vpc-1', 'vpc-2'] },
    });
  });

  it('backs off from a list when a later word is the next key', () => {
    expect(parseShorthand('Key=k1,Values=v1,v2,Name=x')).toEqual({
      value: { Key: 'k1', Values: ['v1', 'v2'], Name: 'x' },
    });
  });

  it('reads explicit lists of hashes', () => {
    expect(parseShorthand('ResourceType=vpc,Tags=[{Key=Name,Value=x},{Key=a,Value=b}]')).toEqual({
      value: {
        ResourceType: 'vpc',
        Tags: [
          { Key: 'Name', Value: 'x' },
          { Key: 'a', Value: 'b' },
        ],
      },
    });
  });

  it('keeps colons, stars and equals signs inside values', () => {
    expect(parseShorthand('Name=tag:Name,Values=edx-subnet-*')).toEqual({
      value: { Name: 'tag:Name', Values: 'edx-subnet-*' },
    });
  });

  it('takes commas inside quotes as part of the value', () => {
    expect(parseShorthand(`a='x,y',b="q"`)).toEqual({ value: { a: 'x,y', b: 'q' } });
  });

  it('reads an escaped comma as a comma', () => {
    expect(parseShorthand('a=x\\,y')).toEqual({ value: { a: 'x,y' } });
  });

  it('says where a key without a value ends, as the CLI does', () => {
    expect(parseShorthand('Name')).toEqual({ error: "Expected: '=', received: 'EOF' for input:\nName\n    ^" });
  });

  it('refuses a key given twice, suggesting a space was meant', () => {
    expect(parseShorthand('a=b,a=c')).toEqual({
      error:
        'Second instance of key "a" encountered for input:\na=b,a=c\n    ^\n' +
        'This is often because there is a preceding "," instead of a space.',
    });
  });
});
