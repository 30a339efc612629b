import { conditionOperators, type ComparisonOperator, type ConditionOperator } from './operators';
import type { NormalisedCondition } from './parse';
import type { ContextLookup } from './request-context';
import { policyValue } from './variables';
import type { PatternPiece } from './wildcard';

/**
 * IAM's Condition element: operators with their qualifiers, and the rules for keys a request does not have, as the
 * IAM User Guide's condition operator reference states them.
 */

/** A condition operator as a policy names it: `ForAnyValue:StringLikeIfExists` is StringLike, any value, IfExists. */
export interface QualifiedOperator {
  operator: ConditionOperator;
  /** How a multivalued key's values combine: every one must match, or at least one; none for a single value. */
  set: 'ForAllValues' | 'ForAnyValue' | null;
  /** `…IfExists`: the condition holds when the request does not have the key. */
  ifExists: boolean;
}

const qualifiedName = /^(?:(ForAllValues|ForAnyValue):)?(.+?)(IfExists)?$/;

/**
 * Reads a condition operator's name; null when IAM does not know it. `IfExists` goes with every operator but `Null`.
 *
 * @example
 * parseConditionOperator('ForAllValues:StringEqualsIfExists') // StringEquals, set ForAllValues, ifExists
 */
export function parseConditionOperator(name: string): QualifiedOperator | null {
  const [, set = null, base = '', ifExists] = qualifiedName.exec(name) ?? [];
  const operator = Object.hasOwn(conditionOperators, base) ? conditionOperators[base] : undefined;
  if (!operator || (operator.kind === 'null' && ifExists)) return null;
  return { operator, set: set as QualifiedOperator['set'], ifExists: ifExists !== undefined };
}

/** The policy's values for a key, with policy variables substituted where the operator takes them. */
function expectedValues(
  operator: ComparisonOperator,
  values: readonly string[],
  lookup: ContextLookup,
  variables: boolean,
): PatternPiece[][] {
  return values.flatMap((value) => {
    const pieces = policyValue(value, lookup, operator.variables && variables);
    // A variable naming a key the request lacks makes that value match nothing.
    return pieces === null ? [] : [pieces];
  });
}

/** Whether one request value satisfies the operator: matches a policy value, or (negated) matches none of them. */
function valueHolds(operator: ComparisonOperator, actual: string, expected: readonly PatternPiece[][]): boolean {
  const matchesAny = expected.some((value) => operator.compare(actual, value));
  return operator.negated ? !matchesAny : matchesAny;
}

/** Whether one key's condition holds for the request. */
function keyHolds(
  qualified: QualifiedOperator,
  key: string,
  values: readonly string[],
  lookup: ContextLookup,
  variables: boolean,
): boolean {
  const { operator, set, ifExists } = qualified;
  const found = lookup(key);
  const actuals = found === undefined ? [] : typeof found === 'string' ? [found] : found;
  if (operator.kind === 'null') {
    const absent = actuals.length === 0;
    return values.some((value) => (value.toLowerCase() === 'true') === absent);
  }
  if (actuals.length === 0) {
    // IfExists holds; ForAllValues holds over an empty set and ForAnyValue does not; otherwise a negated operator
    // holds (the key does not match) and any other fails.
    if (ifExists || set === 'ForAllValues') return true;
    if (set === 'ForAnyValue') return false;
    return operator.negated;
  }
  const expected = expectedValues(operator, values, lookup, variables);
  const holds = (actual: string) => valueHolds(operator, actual, expected);
  return set === 'ForAllValues' ? actuals.every(holds) : actuals.some(holds);
}

/**
 * True when a statement's Condition holds for the request: every operator, and for each operator every key, holds
 * (values of one key are alternatives). Policy variables are substituted only in 2012-10-17 policies (`variables`).
 */
export function conditionsHold(condition: NormalisedCondition, lookup: ContextLookup, variables: boolean): boolean {
  return Object.entries(condition).every(([name, keys]) => {
    const qualified = parseConditionOperator(name);
    return (
      qualified !== null &&
      Object.entries(keys).every(([key, values]) => keyHolds(qualified, key, values, lookup, variables))
    );
  });
}
