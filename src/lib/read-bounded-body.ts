/** A body read up to a limit: its bytes, or word that it went past the limit. */
export type BoundedBody = { bytes: Uint8Array<ArrayBuffer> } | { tooLarge: true };

/**
 * Reads a request body (a Node `IncomingMessage` or a fetch `ReadableStream`, whatever the transfer encoding) and
 * stops at the first chunk past `limit` bytes, so an endless upload costs at most `limit` bytes of memory. It then
 * leaves the rest unread, neither cancelling nor draining it: the caller answers and closes the connection.
 *
 * @example
 * const body = await readBoundedBody(message, 64 * 1024);
 * if ('tooLarge' in body) return answer413AndClose();
 */
export async function readBoundedBody(body: AsyncIterable<Uint8Array>, limit: number): Promise<BoundedBody> {
  // The iterator is driven by hand: leaving a `for await` early would destroy a Node request, and its socket with it.
  const chunks = body[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let length = 0;
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
    length += next.value.byteLength;
    if (length > limit) return { tooLarge: true };
    parts.push(next.value);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return { bytes };
}
