/**
 * The 32-bit FNV-1a hash of a text, from `seed` (FNV's offset basis unless given): a small, fast, stable number for
 * ids, names and seeds derived from a string. It hashes each character's first UTF-16 unit.
 *
 * @example
 * fnv1a32('a'); // 0xe40c292c
 */
export function fnv1a32(text: string, seed = 2166136261): number {
  let hash = seed >>> 0;
  for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return hash;
}
