import { describe, expect, it } from 'vitest';
import { readBoundedBody } from '../../src/lib/read-bounded-body';

/** A body of the given chunks that records how many of them were asked for. */
function countingBody(chunks: Uint8Array[]) {
  const body = {
    pulled: 0,
    async *[Symbol.asyncIterator]() {
      for (const chunk of chunks) {
        body.pulled++;
        yield chunk;
      }
    },
  };
  return body;
}

describe('readBoundedBody', () => {
  it('gives the whole body when it fits, joined from its chunks', async () => {
    const body = countingBody([new Uint8Array([1, 2]), new Uint8Array([3])]);
    expect(await readBoundedBody(body, 3)).toEqual({ bytes: new Uint8Array([1, 2, 3]) });
  });

  it('stops at the first chunk past the limit and reads no further', async () => {
    const body = countingBody([new Uint8Array(2), new Uint8Array(2), new Uint8Array(2)]);
    expect(await readBoundedBody(body, 3)).toEqual({ tooLarge: true });
    expect(body.pulled).toBe(2);
  });

  it('reads a web ReadableStream too', async () => {
    const stream = new Blob(['{"exercise":"exercise-3"}']).stream();
    const read = await readBoundedBody(stream, 1024);
    expect('bytes' in read && new TextDecoder().decode(read.bytes)).toBe('{"exercise":"exercise-3"}');
  });
});
