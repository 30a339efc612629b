/** The longest block common to `a[aLow:aHigh]` and `b[bLow:bHigh]`, earliest in `a` then in `b` among equals. */
function longestMatch(a: string, b: string, aLow: number, aHigh: number, bLow: number, bHigh: number) {
  let best = { i: aLow, j: bLow, size: 0 };
  let previous = new Map<number, number>();
  for (let i = aLow; i < aHigh; i++) {
    const current = new Map<number, number>();
    for (let j = bLow; j < bHigh; j++) {
      if (a[i] !== b[j]) continue;
      const size = (previous.get(j - 1) ?? 0) + 1;
      current.set(j, size);
      if (size > best.size) best = { i: i - size + 1, j: j - size + 1, size };
    }
    previous = current;
  }
  return best;
}

/** How many characters the two strings have in matching blocks, as difflib's `SequenceMatcher` counts them. */
function matchingCharacters(a: string, b: string, aLow = 0, aHigh = a.length, bLow = 0, bHigh = b.length): number {
  const { i, j, size } = longestMatch(a, b, aLow, aHigh, bLow, bHigh);
  if (size === 0) return 0;
  return size + matchingCharacters(a, b, aLow, i, bLow, j) + matchingCharacters(a, b, i + size, aHigh, j + size, bHigh);
}

/** difflib's `SequenceMatcher(None, a, b).ratio()`: twice the matching characters over the total length. */
export function similarity(a: string, b: string): number {
  return a.length + b.length === 0 ? 1 : (2 * matchingCharacters(a, b)) / (a.length + b.length);
}

/**
 * difflib's `get_close_matches(word, possibilities, n=3, cutoff=0.8)`, which the CLI uses to suggest a command
 * for a mistyped one: the best three at least 80% similar, best first.
 *
 * @example
 * closeMatches('describe-vpcz', ['describe-vpcs', 'describe-vpn-gateways']); // ['describe-vpcs']
 */
export function closeMatches(word: string, possibilities: readonly string[], n = 3, cutoff = 0.8): string[] {
  return possibilities
    .map((possibility) => ({ possibility, score: similarity(possibility, word) }))
    .filter(({ score }) => score >= cutoff)
    .sort((x, y) => y.score - x.score || (x.possibility < y.possibility ? 1 : -1))
    .slice(0, n)
    .map(({ possibility }) => possibility);
}
