/**
 * An indented JSON array written in pieces, for more items than one string can hold: the text
 * `JSON.stringify(items, null, 2) + '\n'` gives, made from each item's own text as it comes.
 */

/** Between two items' texts in the array. */
export const jsonArraySeparator = ',\n  ';

/** An item's text as the array holds it, its own lines one level deeper: an array of one, without its brackets. */
export const jsonArrayItem = (item: object) => JSON.stringify([item], null, 2).slice('[\n  '.length, -'\n]'.length);

/**
 * The array's text in pieces, from the texts of its items (as strings or UTF-8 bytes): each text one item's
 * {@link jsonArrayItem}, or several joined by {@link jsonArraySeparator}; an empty text holds no item.
 *
 * @example await writeFileDurably(file, jsonArrayPieces(statements.map(jsonArrayItem)));
 */
export async function* jsonArrayPieces(
  texts: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): AsyncGenerator<string | Uint8Array> {
  let empty = true;
  for await (const text of texts) {
    if (text.length === 0) continue;
    yield empty ? '[\n  ' : jsonArraySeparator;
    yield text;
    empty = false;
  }
  yield empty ? '[]\n' : '\n]\n';
}
