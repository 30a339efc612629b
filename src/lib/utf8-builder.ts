const encoder = new TextEncoder();

/** Bytes a builder starts with; it doubles from there as it needs to. */
const firstCapacity = 64 * 1024;

/** Text built up as UTF-8 bytes: see {@link utf8Builder}. */
export interface Utf8Builder {
  /** Appends the text's bytes. */
  append: (text: string) => void;
  /** Whether nothing was appended since the builder was made or last taken from. */
  isEmpty: () => boolean;
  /** A copy of the bytes appended so far, in a buffer of its own (a thread can hand it over); the builder empties. */
  take: () => Uint8Array;
}

/**
 * Text appended as UTF-8 into one buffer, kept and grown as it needs to, rather than joined into one long string and
 * then encoded: each appended text can be let go at once, and no string of the whole is ever made.
 *
 * @example const built = utf8Builder(); built.append('a,b\r\n'); built.take(); // Uint8Array [97, 44, 98, 13, 10]
 */
export function utf8Builder(): Utf8Builder {
  let bytes = new Uint8Array(firstCapacity);
  let length = 0;
  return {
    append(text) {
      // A UTF-16 code unit becomes at most 3 bytes of UTF-8.
      const needed = length + text.length * 3;
      if (needed > bytes.length) {
        const grown = new Uint8Array(Math.max(needed, bytes.length * 2));
        grown.set(bytes.subarray(0, length));
        bytes = grown;
      }
      length += encoder.encodeInto(text, bytes.subarray(length)).written;
    },
    isEmpty: () => length === 0,
    take() {
      const taken = bytes.slice(0, length);
      length = 0;
      return taken;
    },
  };
}
