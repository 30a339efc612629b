import { closest, distance } from 'fastest-levenshtein';

/**
 * The known name a mistyped one was most likely meant to be, if it is close enough: at most two edits, or a quarter of
 * the name's length for long names.
 *
 * @example
 * closestName('StringEqualsFoo', ['StringEquals', 'StringLike']) // 'StringEquals'
 */
export function closestName(typed: string, names: readonly string[]): string | undefined {
  if (names.length === 0) return undefined;
  const best = closest(typed, [...names]);
  return distance(typed, best) <= Math.max(2, Math.floor(best.length / 4)) ? best : undefined;
}
