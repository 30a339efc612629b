import type { Readable } from 'node:stream';
import type { BoundedBody } from '../lib/read-bounded-body';

/**
 * Reads a Node request's body by its `data` and `end` events and stops at the first chunk past `limit` bytes,
 * pausing the request and leaving the rest unread, so an endless upload costs at most `limit` bytes of memory; the
 * caller answers and closes the connection. Rejects when the stream fails or closes before its end. Node's async
 * iterator over a request, which `readBoundedBody` drives, costs more CPU per small request than these events.
 *
 * @example
 * const body = await readMessageBody(message, 32 * 1024 * 1024);
 * if ('tooLarge' in body) return answer413AndClose();
 */
export function readMessageBody(message: Readable, limit: number): Promise<BoundedBody> {
  return new Promise((resolve, reject) => {
    const parts: Uint8Array[] = [];
    let length = 0;
    const stop = () => {
      message.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    const onData = (chunk: Uint8Array) => {
      length += chunk.byteLength;
      if (length <= limit) return void parts.push(chunk);
      stop();
      message.pause();
      resolve({ tooLarge: true });
    };
    const onEnd = () => {
      stop();
      const bytes = new Uint8Array(length);
      let offset = 0;
      for (const part of parts) {
        bytes.set(part, offset);
        offset += part.byteLength;
      }
      resolve({ bytes });
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const onClose = () => onError(new Error('The connection closed before the body ended.'));
    message.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}
