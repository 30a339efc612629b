/**
 * A record keyed by names users choose (IAM users, policies, buckets, object keys, tags, stacks...). It has no
 * prototype, so `__proto__`, `constructor` or `toString` are names like any other: assigning one stores it, and
 * reading one that was never stored gives `undefined`, never a member inherited from `Object.prototype`.
 *
 * @example
 * const users = nameRecord<string>();
 * users.__proto__ = 'AIDA...'; // stored, as any other name
 * users.constructor; // undefined
 * nameRecord([['a', 1]]); // { a: 1 }, without a prototype
 */
export function nameRecord<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const record = Object.create(null) as Record<string, T>;
  for (const [name, value] of entries) record[name] = value;
  return record;
}
