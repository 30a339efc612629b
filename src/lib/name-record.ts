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

/**
 * JSON text parsed with every object made a {@link nameRecord}: `JSON.parse` keeps a `__proto__` key as an own
 * property, and this keeps `constructor` or `toString` from answering for a name the file never held. For files whose
 * maps are keyed by names users choose (the sandbox state, a progress record). Throws as `JSON.parse` does.
 *
 * @example
 * const users = (parseJsonRecords('{"__proto__": 1}') as Record<string, number>);
 * users.__proto__; // 1, an own entry
 * users.constructor; // undefined
 */
export function parseJsonRecords(text: string): unknown {
  return JSON.parse(text, (_name, value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.setPrototypeOf(value, null) : value,
  );
}

/**
 * The entry stored under `name`, never a member inherited from `Object.prototype`, whatever prototype `record` has.
 *
 * @example
 * ownEntry({}, 'constructor'); // undefined
 */
export function ownEntry<T>(record: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}
