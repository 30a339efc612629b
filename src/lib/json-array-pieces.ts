/**
 * A JSON array written in pieces, for more items than one string can hold: one item per line, each as compact JSON,
 * so that a file of a million statements is about half the size an indented one would be, and `grep` or `head` still
 * shows whole items.
 */

/** Between two items' texts in the array. */
export const jsonArraySeparator = ',\n';

/** An item's text as the array holds it: its compact JSON, on a line of its own. */
export const jsonArrayItem = (item: object) => JSON.stringify(item);

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
    yield empty ? '[\n' : jsonArraySeparator;
    yield text;
    empty = false;
  }
  yield empty ? '[]\n' : '\n]\n';
}
