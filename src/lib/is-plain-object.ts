/**
 * Whether `value` is a plain JSON-style object: not null, not an array.
 *
 * @example
 * isPlainObject({ Version: '2012-10-17' }); // true
 * isPlainObject(['a']); // false
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
