/**
 * What the lab shell's browser bundle (just-bash) imports from `node:zlib`, for the page: astro.config.mjs points the
 * client build's `node:zlib` here. Node's gzip is synchronous and the browser's CompressionStream is not, so in the
 * page `gzip`, `gunzip` and `zcat` say they are not available rather than failing obscurely.
 */

/** The compression levels just-bash's `gzip -1`…`-9` name, with zlib's values. */
export const constants = { Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1 } as const;

function unavailable(): never {
  throw new Error('gzip is not available in the lab terminal of the page; the files stay uncompressed');
}

/** Not available in the page: throws {@link unavailable}'s message. */
export function gzipSync(_data: Uint8Array): Uint8Array {
  return unavailable();
}

/** Not available in the page: throws {@link unavailable}'s message. */
export function gunzipSync(_data: Uint8Array): Uint8Array {
  return unavailable();
}
