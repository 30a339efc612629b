import { describe, expect, it } from 'vitest';
import { utf8Builder } from '../../src/lib/utf8-builder';

const decoded = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('utf8Builder', () => {
  it('gives the UTF-8 bytes of the texts appended, however far it has to grow', () => {
    const built = utf8Builder();
    const texts = Array.from({ length: 3000 }, (_, n) => `row ${n}, Zoë’s “quotes” 😀\r\n`);
    for (const text of texts) built.append(text);
    expect(decoded(built.take())).toBe(texts.join(''));
  });

  it('starts again after each take, with the bytes taken in a buffer of their own', () => {
    const built = utf8Builder();
    built.append('first');
    const first = built.take();
    expect(built.isEmpty()).toBe(true);
    built.append('second');
    expect([decoded(first), decoded(built.take())]).toEqual(['first', 'second']);
    expect(first.byteLength).toBe(first.buffer.byteLength);
  });
});
