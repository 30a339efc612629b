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

/** The array as the pieces should give it: brackets on lines of their own, an item per line between. */
const lined = (list: object[]) =>
  list.length ? `[\n${list.map((item) => JSON.stringify(item)).join(',\n')}\n]\n` : '[]\n';

describe('jsonArrayPieces', () => {
  it.each([0, 1, 3])('gives the JSON array of %i items, an item per line, that parses back to them', async (count) => {
    const text = await arrayText(items(count).map(jsonArrayItem));
    expect(text).toBe(lined(items(count)));
    expect(JSON.parse(text)).toEqual(items(count));
    // A line for each item and one for each bracket, however many line breaks the items' strings hold.
    expect(text.split('\n').length - 1).toBe(count === 0 ? 1 : count + 2);
  });

  it('takes texts that hold several items, and skips empty ones', async () => {
    const [a, b, c] = items(3).map(jsonArrayItem);
    const texts = ['', [a, b].join(jsonArraySeparator), '', c!, ''];
    expect(await arrayText(texts as string[])).toBe(lined(items(3)));
  });

  it('takes texts as UTF-8 bytes', async () => {
    const texts = items(2).map((item) => new TextEncoder().encode(jsonArrayItem({ ...item, name: 'Zoë' })));
    const expected = items(2).map((item) => ({ ...item, name: 'Zoë' }));
    expect(await arrayText([new Uint8Array(), ...texts])).toBe(lined(expected));
  });

  it('gives an empty array for texts that hold no item', async () => {
    expect(await arrayText(['', ''])).toBe('[]\n');
  });
});
