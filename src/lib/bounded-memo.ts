/**
 * `compute` with its answers kept by argument, up to `limit` of them, after which they are all forgotten at once:
 * for a pure function of a value that clients send again and again (a `Host` header, a socket's address), where an
 * unbounded cache would let a client fill memory with values of its own.
 *
 * @example
 * const reported = boundedMemo((address: string) => ipaddr.process(address).toString());
 * reported('::ffff:127.0.0.1'); // '127.0.0.1', worked out once
 */
export function boundedMemo<K, V>(compute: (key: K) => V, limit = 64): (key: K) => V {
  const answers = new Map<K, V>();
  return (key) => {
    if (answers.has(key)) return answers.get(key) as V;
    if (answers.size >= limit) answers.clear();
    const answer = compute(key);
    answers.set(key, answer);
    return answer;
  };
}
