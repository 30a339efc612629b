import ipaddr from 'ipaddr.js';
import { parsePolicyDate } from './policy-date';
import { matchPattern, type PatternPiece } from './wildcard';

/**
 * IAM's condition operators: how each compares one request value with one policy value. The qualifiers around them
 * (`IfExists`, `ForAllValues:`, `ForAnyValue:`) and what a missing key means are in `conditions.ts`.
 */

/** True when the request's value matches the policy's value (its pieces, after policy variables are substituted). */
type Comparison = (actual: string, expected: readonly PatternPiece[]) => boolean;

/** An operator that compares values; a negated one holds when the request's value matches none of the policy's. */
export interface ComparisonOperator {
  kind: 'comparison';
  compare: Comparison;
  negated: boolean;
  /** Whether policy variables (`${aws:username}`) are substituted in the policy's values. */
  variables: boolean;
  /** Date operators: IAM refuses a policy whose values for them are not dates. */
  takesDates?: boolean;
}

/** `Null`: whether the key is absent from the request ("true") or present ("false"). */
export interface NullOperator {
  kind: 'null';
}

/** One of IAM's condition operators, without its qualifiers. */
export type ConditionOperator = ComparisonOperator | NullOperator;

const textOf = (pieces: readonly PatternPiece[]) => pieces.map((piece) => piece.text).join('');

/** A decimal number as IAM's Numeric operators read it; null for anything else. */
function parseNumber(text: string): number | null {
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text.trim()) ? Number(text) : null;
}

/** An address, or a CIDR block (a bare address is a block of one), IPv4 or IPv6. */
function parseRange(text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | null {
  if (ipaddr.isValidCIDR(text)) return ipaddr.parseCIDR(text);
  if (!ipaddr.IPv4.isValidFourPartDecimal(text) && !ipaddr.IPv6.isValid(text)) return null;
  const address = ipaddr.parse(text);
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

/** True when `ip` lies in `range`. IAM accepts blocks whose host bits are set; an IPv4-mapped IPv6 address is IPv4. */
function ipInRange(ip: string, range: string): boolean {
  const block = parseRange(range);
  if (!block || !(ipaddr.IPv4.isValidFourPartDecimal(ip) || ipaddr.IPv6.isValid(ip))) return false;
  const address = ipaddr.process(ip);
  return address.kind() === block[0].kind() && address.match(block);
}

function numeric(test: (actual: number, expected: number) => boolean): Comparison {
  return (actual, expected) => {
    const [a, e] = [parseNumber(actual), parseNumber(textOf(expected))];
    return a !== null && e !== null && test(a, e);
  };
}

function date(test: (actual: number, expected: number) => boolean): Comparison {
  return (actual, expected) => {
    const [a, e] = [parsePolicyDate(actual), parsePolicyDate(textOf(expected))];
    return a !== null && e !== null && test(a, e);
  };
}

const stringEquals: Comparison = (actual, expected) => actual === textOf(expected);
const stringEqualsIgnoreCase: Comparison = (actual, expected) =>
  actual.toLowerCase() === textOf(expected).toLowerCase();
const stringLike: Comparison = (actual, expected) => matchPattern(expected, actual);
const arnLike: Comparison = (actual, expected) => matchPattern(expected, actual, { arn: true });
const inRange: Comparison = (actual, expected) => ipInRange(actual, textOf(expected));

type OperatorOptions = Partial<Pick<ComparisonOperator, 'negated' | 'variables' | 'takesDates'>>;
const operator = (compare: Comparison, options: OperatorOptions = {}): ComparisonOperator => ({
  kind: 'comparison',
  compare,
  negated: false,
  variables: false,
  ...options,
});
const withVariables = { variables: true };
const negatedWithVariables = { variables: true, negated: true };
const ofDates = { takesDates: true };
const equalNumbers = numeric((a, e) => a === e);
const equalDates = date((a, e) => a === e);
const before = date((a, e) => a < e);
const notAfter = date((a, e) => a <= e);
const after = date((a, e) => a > e);
const notBefore = date((a, e) => a >= e);

/** Every condition operator IAM knows, by name. */
export const conditionOperators: Readonly<Record<string, ConditionOperator>> = {
  StringEquals: operator(stringEquals, withVariables),
  StringNotEquals: operator(stringEquals, negatedWithVariables),
  StringEqualsIgnoreCase: operator(stringEqualsIgnoreCase, withVariables),
  StringNotEqualsIgnoreCase: operator(stringEqualsIgnoreCase, negatedWithVariables),
  StringLike: operator(stringLike, withVariables),
  StringNotLike: operator(stringLike, negatedWithVariables),
  NumericEquals: operator(equalNumbers),
  NumericNotEquals: operator(equalNumbers, { negated: true }),
  NumericLessThan: operator(numeric((a, e) => a < e)),
  NumericLessThanEquals: operator(numeric((a, e) => a <= e)),
  NumericGreaterThan: operator(numeric((a, e) => a > e)),
  NumericGreaterThanEquals: operator(numeric((a, e) => a >= e)),
  DateEquals: operator(equalDates, ofDates),
  DateNotEquals: operator(equalDates, { ...ofDates, negated: true }),
  DateLessThan: operator(before, ofDates),
  DateLessThanEquals: operator(notAfter, ofDates),
  DateGreaterThan: operator(after, ofDates),
  DateGreaterThanEquals: operator(notBefore, ofDates),
  Bool: operator(stringEqualsIgnoreCase, withVariables),
  BinaryEquals: operator(stringEquals),
  IpAddress: operator(inRange),
  NotIpAddress: operator(inRange, { negated: true }),
  ArnEquals: operator(arnLike, withVariables),
  ArnLike: operator(arnLike, withVariables),
  ArnNotEquals: operator(arnLike, negatedWithVariables),
  ArnNotLike: operator(arnLike, negatedWithVariables),
  Null: { kind: 'null' },
};
