import { describe, expect, it } from 'vitest';
import { conditionOperators } from '../../src/iam-policy/operators';
import { parseConditionOperator } from '../../src/iam-policy/conditions';
import { conditionAllows } from './policy-of';

/** One case: the operator, the policy's value(s), the request's value (undefined: the key is missing), the result. */
type Case = [string, string | boolean | string[], string | string[] | undefined, boolean];

const key = 'test:Key';
const holds = ([operator, expected, actual]: Case) =>
  conditionAllows({ [operator]: { [key]: expected } }, actual === undefined ? {} : { [key]: actual });
const describeCase = (operator: string, expected: unknown, actual: unknown, result: boolean) =>
  `${operator} ${JSON.stringify(expected)} against ${actual === undefined ? 'a missing key' : JSON.stringify(actual)} ` +
  `is ${result}`;

function table(cases: Case[]) {
  it.each(cases.map((c) => [describeCase(...c), c] as const))('%s', (_name, c) => {
    expect(holds(c)).toBe(c[3]);
  });
}

describe('condition keys named like Object.prototype members', () => {
  it('keeps a key named __proto__, so StringEquals on it fails when the request lacks it', () => {
    expect(conditionAllows(JSON.parse('{"StringEquals": {"__proto__": "x"}}') as Record<string, unknown>, {})).toBe(
      false,
    );
  });
});

describe('string operators', () => {
  table([
    ['StringEquals', 'ana', 'ana', true],
    ['StringEquals', 'ana', 'Ana', false],
    ['StringEquals', ['bob', 'ana'], 'ana', true],
    ['StringEquals', 'ana', undefined, false],
    ['StringEquals', 'a*', 'abc', false],
    ['StringNotEquals', 'ana', 'bob', true],
    ['StringNotEquals', 'ana', 'ana', false],
    ['StringNotEquals', ['bob', 'ana'], 'ana', false],
    ['StringNotEquals', 'ana', undefined, true],
    ['StringEqualsIgnoreCase', 'ana', 'ANA', true],
    ['StringEqualsIgnoreCase', 'ana', 'bob', false],
    ['StringEqualsIgnoreCase', 'ana', undefined, false],
    ['StringNotEqualsIgnoreCase', 'ana', 'ANA', false],
    ['StringNotEqualsIgnoreCase', 'ana', 'bob', true],
    ['StringNotEqualsIgnoreCase', 'ana', undefined, true],
    ['StringLike', 'home/*', 'home/ana/cat.jpg', true],
    ['StringLike', 'h?me/', 'home/', true],
    ['StringLike', 'h?me/', 'hoome/', false],
    ['StringLike', 'home/*', 'Home/ana', false],
    ['StringLike', 'home/*', undefined, false],
    ['StringNotLike', 'home/*', 'tmp/x', true],
    ['StringNotLike', ['tmp/*', 'home/*'], 'home/x', false],
    ['StringNotLike', 'home/*', undefined, true],
  ]);
});

describe('numeric operators', () => {
  table([
    ['NumericEquals', '10', '10', true],
    ['NumericEquals', '10', '10.0', true],
    ['NumericEquals', '10', 'ten', false],
    ['NumericEquals', '10', undefined, false],
    ['NumericNotEquals', '10', '11', true],
    ['NumericNotEquals', '10', '10', false],
    ['NumericNotEquals', '10', undefined, true],
    ['NumericLessThan', '10', '9', true],
    ['NumericLessThan', '10', '10', false],
    ['NumericLessThan', '10', undefined, false],
    ['NumericLessThanEquals', '10', '10', true],
    ['NumericLessThanEquals', '10', '11', false],
    ['NumericGreaterThan', '10', '11', true],
    ['NumericGreaterThan', '10', '10', false],
    ['NumericGreaterThanEquals', '10', '10', true],
    ['NumericGreaterThanEquals', '10', '9.5', false],
    ['NumericGreaterThanEquals', '10', undefined, false],
  ]);
});

describe('date operators', () => {
  table([
    ['DateEquals', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', true],
    ['DateEquals', '2026-01-01T00:00:00Z', '1767225600', true],
    ['DateEquals', '2026-01-01', '2026-01-01T00:00:00Z', true],
    ['DateEquals', '2026-01-01T01:00:00+01:00', '2026-01-01T00:00:00Z', true],
    ['DateEquals', '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', false],
    ['DateEquals', '2026-01-01T00:00:00Z', 'yesterday', false],
    ['DateEquals', '2026-01-01T00:00:00Z', undefined, false],
    ['DateNotEquals', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', true],
    ['DateNotEquals', '2026-01-01T00:00:00Z', '1767225600', false],
    ['DateNotEquals', '2026-01-01T00:00:00Z', undefined, true],
    ['DateLessThan', '2026-01-01T00:00:00Z', '2025-12-31T23:59:59Z', true],
    ['DateLessThan', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false],
    ['DateLessThan', '2026-01-01T00:00:00Z', undefined, false],
    ['DateLessThanEquals', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', true],
    ['DateLessThanEquals', '2026-01-01T00:00:00Z', '1767225601', false],
    ['DateGreaterThan', '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', true],
    ['DateGreaterThan', '1767225600', '2026-01-01T00:00:00Z', false],
    ['DateGreaterThan', '2026-01-01T00:00:00Z', undefined, false],
    ['DateGreaterThanEquals', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', true],
    ['DateGreaterThanEquals', '2026-01-01T00:00:00Z', '2025-06-01T00:00:00Z', false],
  ]);
});

describe('boolean, binary and address operators', () => {
  table([
    ['Bool', 'true', 'true', true],
    ['Bool', true, 'true', true],
    ['Bool', 'false', 'true', false],
    ['Bool', 'false', 'FALSE', true],
    ['Bool', 'false', undefined, false],
    ['BinaryEquals', 'QmluYXJ5VmFsdWU=', 'QmluYXJ5VmFsdWU=', true],
    ['BinaryEquals', 'QmluYXJ5VmFsdWU=', 'T3RoZXJWYWx1ZQ==', false],
    ['BinaryEquals', 'QmluYXJ5VmFsdWU=', undefined, false],
    ['IpAddress', '203.0.113.0/24', '203.0.113.9', true],
    ['IpAddress', '203.0.113.0/24', '198.51.100.1', false],
    ['IpAddress', '203.0.113.7', '203.0.113.7', true],
    ['IpAddress', '203.0.113.7/24', '203.0.113.200', true],
    ['IpAddress', '203.0.113.0/24', '::ffff:203.0.113.9', true],
    ['IpAddress', '2001:db8:1234::/48', '2001:db8:1234:5678::1', true],
    ['IpAddress', '2001:DB8:1234::/48', '2001:db8:9999::1', false],
    ['IpAddress', '203.0.113.0/24', '2001:db8::1', false],
    ['IpAddress', ['198.51.100.0/24', '2001:db8::/32'], '2001:db8::1', true],
    ['IpAddress', '203.0.113.0/24', 'not-an-address', false],
    ['IpAddress', '203.0.113.0/24', undefined, false],
    ['NotIpAddress', '203.0.113.0/24', '198.51.100.1', true],
    ['NotIpAddress', ['198.51.100.0/24', '203.0.113.0/24'], '203.0.113.9', false],
    ['NotIpAddress', '2001:db8::/32', '2001:db8::1', false],
    ['NotIpAddress', '203.0.113.0/24', undefined, true],
  ]);
});

describe('ARN operators', () => {
  const boss = 'arn:aws:iam::123456789012:user/admins/boss';
  const instance = 'arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0';
  table([
    ['ArnEquals', boss, boss, true],
    ['ArnEquals', 'arn:aws:iam::*:user/admins/*', boss, true],
    ['ArnEquals', 'arn:aws:iam::123456789012:user/admins/Boss', boss, false],
    ['ArnLike', 'arn:aws:iam::*:user/admins/*', boss, true],
    ['ArnLike', 'arn:aws:iam::123456789012:user/ana', boss, false],
    ['ArnLike', 'arn:aws:ec2:*:123456789012:instance/*', instance, true],
    ['ArnLike', 'arn:aws:ec2:*:instance/*', instance, false],
    ['ArnLike', 'arn:aws:ec2:us-east-?:123456789012:instance/i-*', instance, true],
    [
      'ArnLike',
      'arn:aws:logs:*:*:log-group:app:*',
      'arn:aws:logs:us-east-1:123456789012:log-group:app:log-stream:x',
      true,
    ],
    ['ArnLike', 'arn:aws:iam::*:user/*', 'not an arn', false],
    ['ArnLike', 'arn:aws:iam::*:user/*', undefined, false],
    ['ArnNotEquals', 'arn:aws:iam::*:user/admins/*', 'arn:aws:iam::123456789012:user/ana', true],
    ['ArnNotEquals', 'arn:aws:iam::*:user/admins/*', boss, false],
    ['ArnNotEquals', boss, undefined, true],
    ['ArnNotLike', 'arn:aws:iam::*:user/admins/*', 'arn:aws:iam::123456789012:user/ana', true],
    ['ArnNotLike', ['arn:aws:iam::*:role/*', 'arn:aws:iam::*:user/admins/*'], boss, false],
    ['ArnNotLike', boss, undefined, true],
  ]);
});

describe('Null', () => {
  table([
    ['Null', 'true', undefined, true],
    ['Null', 'true', 'present', false],
    ['Null', 'false', 'present', true],
    ['Null', 'false', undefined, false],
    ['Null', true, [], true],
  ]);
});

describe('…IfExists', () => {
  table([
    ['StringEqualsIfExists', 'ana', undefined, true],
    ['StringEqualsIfExists', 'ana', 'bob', false],
    ['StringNotEqualsIfExists', 'ana', undefined, true],
    ['StringNotEqualsIfExists', 'ana', 'ana', false],
    ['StringNotEqualsIfExists', 'ana', 'bob', true],
    ['StringLikeIfExists', 'home/*', 'tmp/x', false],
    ['NumericLessThanIfExists', '10', undefined, true],
    ['NumericLessThanIfExists', '10', '11', false],
    ['DateGreaterThanIfExists', '2026-01-01T00:00:00Z', undefined, true],
    ['BoolIfExists', 'true', undefined, true],
    ['BoolIfExists', 'true', 'false', false],
    ['BinaryEqualsIfExists', 'QmluYXJ5VmFsdWU=', undefined, true],
    ['IpAddressIfExists', '203.0.113.0/24', undefined, true],
    ['IpAddressIfExists', '203.0.113.0/24', '198.51.100.1', false],
    ['NotIpAddressIfExists', '203.0.113.0/24', '203.0.113.1', false],
    ['ArnLikeIfExists', 'arn:aws:iam::*:user/admins/*', undefined, true],
    ['ArnNotLikeIfExists', 'arn:aws:iam::*:user/admins/*', 'arn:aws:iam::123456789012:user/admins/boss', false],
  ]);
});

describe('set operators over a multivalued key', () => {
  table([
    ['ForAllValues:StringEquals', ['Name', 'Team'], ['Name', 'Team'], true],
    ['ForAllValues:StringEquals', ['Name', 'Team'], ['Name'], true],
    ['ForAllValues:StringEquals', ['Name', 'Team'], ['Name', 'Owner'], false],
    ['ForAllValues:StringEquals', ['Name', 'Team'], [], true],
    ['ForAllValues:StringEquals', ['Name', 'Team'], undefined, true],
    ['ForAllValues:StringLike', 'Team*', ['TeamA', 'TeamB'], true],
    ['ForAllValues:StringNotEquals', 'Secret', ['Name', 'Team'], true],
    ['ForAllValues:StringNotEquals', 'Secret', ['Name', 'Secret'], false],
    ['ForAnyValue:StringEquals', 'Name', ['Owner', 'Name'], true],
    ['ForAnyValue:StringEquals', 'Name', ['Owner'], false],
    ['ForAnyValue:StringEquals', 'Name', [], false],
    ['ForAnyValue:StringEquals', 'Name', undefined, false],
    ['ForAnyValue:StringNotEquals', 'Secret', ['Secret', 'Name'], true],
    ['ForAnyValue:StringNotEquals', 'Secret', ['Secret'], false],
    ['ForAnyValue:StringEqualsIfExists', 'Name', undefined, true],
    ['ForAnyValue:StringEqualsIfExists', 'Name', ['Owner'], false],
    ['ForAllValues:ArnLike', 'arn:aws:iam::*:user/*', ['arn:aws:iam::1:user/a', 'arn:aws:iam::1:role/b'], false],
  ]);
});

describe('condition blocks', () => {
  it('needs every operator to hold', () => {
    const condition = { Bool: { 'aws:SecureTransport': 'true' }, IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } };
    expect(conditionAllows(condition, { 'aws:SecureTransport': 'true', 'aws:SourceIp': '203.0.113.9' })).toBe(true);
    expect(conditionAllows(condition, { 'aws:SecureTransport': 'false', 'aws:SourceIp': '203.0.113.9' })).toBe(false);
    expect(conditionAllows(condition, { 'aws:SecureTransport': 'true', 'aws:SourceIp': '198.51.100.1' })).toBe(false);
  });

  it('needs every key of an operator to hold', () => {
    const condition = { StringEquals: { 'aws:username': 'ana', 'aws:RequestedRegion': 'us-east-1' } };
    expect(conditionAllows(condition, { 'aws:username': 'ana', 'aws:RequestedRegion': 'us-east-1' })).toBe(true);
    expect(conditionAllows(condition, { 'aws:username': 'ana', 'aws:RequestedRegion': 'eu-west-1' })).toBe(false);
  });

  it('reads condition key names whatever their case', () => {
    expect(
      conditionAllows({ IpAddress: { 'aws:sourceip': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.113.9' }),
    ).toBe(true);
  });
});

describe('operator names', () => {
  it.each(Object.keys(conditionOperators).filter((name) => name !== 'Null'))(
    'knows %s with IfExists and with each set qualifier',
    (name) => {
      for (const qualified of [name, `${name}IfExists`, `ForAllValues:${name}`, `ForAnyValue:${name}IfExists`])
        expect(parseConditionOperator(qualified)).toMatchObject({ operator: conditionOperators[name] });
    },
  );

  it.each(['StringEqualsFoo', 'stringequals', 'NullIfExists', 'ForSomeValues:StringEquals', 'IfExists'])(
    'does not know %s',
    (name) => {
      expect(parseConditionOperator(name)).toBeNull();
    },
  );
});
