import { parseConditionOperator } from './conditions';
import { conditionOperators } from './operators';
import type { NormalisedCondition } from './parse';
import { malformed, syntaxError, type PolicyError } from './policy-error';
import { parsePolicyDate } from './policy-date';
import { closestName } from '../lib/closest-name';
import { isPlainObject } from '../lib/is-plain-object';
import { nameRecord } from '../lib/name-record';

/** Why IAM does not know a condition operator, with the closest one it does know. */
function unknownOperator(name: string, path: string): PolicyError {
  const known = Object.keys(conditionOperators);
  const [, set = '', base = name] = /^(For(?:All|Any)Values?:)?(.*)$/.exec(name) ?? [];
  if (base === 'NullIfExists')
    return syntaxError(path, 'Null already tests whether the key exists, so it takes no IfExists: write "Null".');
  const candidates = [...known, ...known.map((operator) => `${operator}IfExists`)].filter(parseConditionOperator);
  const nearest = closestName(base, candidates);
  const suggestion = nearest ? `; did you mean "${set}${nearest}"?` : '.';
  return syntaxError(
    path,
    `"${name}" is not an IAM condition operator${suggestion} The operators are ${known.join(', ')}; any but Null ` +
      'may end in IfExists, and any may start with ForAllValues: or ForAnyValue:.',
  );
}

/** A condition value as IAM takes it: a string, a number or a boolean, read as text. */
const isScalar = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);

/**
 * Reads a Condition element: operators, each over keys whose values are scalars or lists of them (an empty list
 * too). An operator IAM does not know is refused once it holds a key; IAM takes one over no keys, which constrains
 * nothing. A date operator's values must be dates (see {@link parsePolicyDate}).
 */
export function readCondition(raw: unknown, path: string, errors: PolicyError[]): NormalisedCondition {
  const condition: NormalisedCondition = nameRecord();
  if (!isPlainObject(raw)) {
    errors.push(syntaxError(path, 'Condition is an object: { "Operator": { "key": "value" } }.'));
    return condition;
  }
  for (const [name, block] of Object.entries(raw)) {
    if (!isPlainObject(block)) {
      errors.push(syntaxError(`${path}.${name}`, 'Each condition operator holds an object of keys and values.'));
      continue;
    }
    const operator = parseConditionOperator(name);
    if (!operator) {
      if (Object.keys(block).length > 0) errors.push(unknownOperator(name, `${path}.${name}`));
      continue;
    }
    condition[name] = nameRecord();
    for (const [key, value] of Object.entries(block)) {
      const list = Array.isArray(value) ? value : [value];
      if (!list.every(isScalar)) {
        errors.push(
          syntaxError(
            `${path}.${name}.${key}`,
            'A condition value is a string, a number, true or false, or a list of them.',
          ),
        );
        continue;
      }
      const values = list.map((item) => String(item));
      const takesDates = operator.operator.kind === 'comparison' && operator.operator.takesDates;
      const invalid = takesDates ? values.find((text) => parsePolicyDate(text) === null) : undefined;
      if (invalid !== undefined)
        errors.push(
          malformed(
            'legacy',
            'The policy failed legacy parsing',
            `${path}.${name}.${key}`,
            `"${invalid}" is not a date. Write an ISO 8601 date and time, such as "2026-01-31T00:00:00Z", or seconds ` +
              'since 1970, such as "1769817600".',
          ),
        );
      condition[name][key] = values;
    }
  }
  return condition;
}
