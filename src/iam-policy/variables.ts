import type { ContextLookup } from './request-context';
import type { PatternPiece } from './wildcard';

/** `${key}` or `${key, 'default'}`; the key is any condition key, such as `aws:username` or `aws:PrincipalTag/team`. */
const variablePattern = /\$\{([^}]*)\}/g;
const keyWithDefault = /^\s*([^,\s]+)\s*(?:,\s*'([^']*)'\s*)?$/;
/** `${*}`, `${?}` and `${$}` stand for the characters themselves, never for wildcards. */
const escapedCharacters = new Set(['*', '?', '$']);

/** The value a variable stands for: the request's single value for its key, or else its default. */
function variableValue(inner: string, lookup: ContextLookup): string | null {
  if (escapedCharacters.has(inner)) return inner;
  const [, key = inner, fallback] = keyWithDefault.exec(inner) ?? [];
  const value = lookup(key);
  // A multivalued key cannot be a policy variable.
  if (typeof value === 'string') return value;
  return fallback ?? null;
}

/**
 * Substitutes IAM policy variables in a Resource or condition value: `${aws:username}`, `${aws:userid, 'nobody'}`
 * (with a default), and `${*}`, `${?}`, `${$}` for those characters. Substituted text is literal: a `*` in a user's
 * tag does not become a wildcard. Null when a variable names a key the request does not have and gives no default:
 * IAM then treats the value as matching nothing.
 *
 * @example
 * substituteVariables('arn:aws:s3:::photos/${aws:username}/*', lookup)
 * // [{ text: 'arn:aws:s3:::photos/', literal: false }, { text: 'ana', literal: true }, { text: '/*', literal: false }]
 */
export function substituteVariables(text: string, lookup: ContextLookup): PatternPiece[] | null {
  const pieces: PatternPiece[] = [];
  let end = 0;
  for (const match of text.matchAll(variablePattern)) {
    const value = variableValue(match[1]!, lookup);
    if (value === null) return null;
    if (match.index > end) pieces.push({ text: text.slice(end, match.index), literal: false });
    pieces.push({ text: value, literal: true });
    end = match.index + match[0].length;
  }
  if (end < text.length) pieces.push({ text: text.slice(end), literal: false });
  return pieces;
}

/**
 * A policy value as pieces to match: with its variables substituted when `enabled` (the 2012-10-17 language, and an
 * element that takes variables), else as written, where `${…}` is plain text.
 */
export function policyValue(text: string, lookup: ContextLookup, enabled: boolean): PatternPiece[] | null {
  return enabled ? substituteVariables(text, lookup) : [{ text, literal: false }];
}
