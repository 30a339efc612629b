import { describe, expect, it } from 'vitest';
import { jsonArrayItem, jsonArrayPieces, jsonArraySeparator } from '../../src/lib/json-array-pieces';

const items = (count: number) =>
  Array.from({ length: count }, (_, n) => ({ id: `id-${n}`, nested: { list: [n, 'a\nb'], empty: {} }, none: [] }));

/** The text of the pieces made from the texts given. */
async function arrayText(texts: (string | Uint8Array)[]): Promise<string> {
  const pieces: string[] = [];
  for await (const piece of jsonArrayPieces(texts))
    pieces.push(typeof piece === 'string' ? piece : new TextDecoder().decode(piece));
  return pieces.join('');
}

describe('jsonArrayPieces', () => {
  it.each([0, 1, 3])(
    'gives what JSON.stringify(items, null, 2) gives for %i items, and a line break',
    async (count) => {
      expect(await arrayText(items(count).map(jsonArrayItem))).toBe(`${JSON.stringify(items(count), null, 2)}\n`);
    },
  );

  it('takes texts that hold several items, and skips empty ones', async () => {
    const [a, b, c] = items(3).map(jsonArrayItem);
    const texts = ['', [a, b].join(jsonArraySeparator), '', c!, ''];
    expect(await arrayText(texts as string[])).toBe(`${JSON.stringify(items(3), null, 2)}\n`);
  });

  it('takes texts as UTF-8 bytes', async () => {
    const texts = items(2).map((item) => new TextEncoder().encode(jsonArrayItem({ ...item, name: 'Zoë' })));
    const expected = items(2).map((item) => ({ ...item, name: 'Zoë' }));
    expect(await arrayText([new Uint8Array(), ...texts])).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });

  it('gives an empty array for texts that hold no item', async () => {
    expect(await arrayText(['', ''])).toBe('[]\n');
  });
});
