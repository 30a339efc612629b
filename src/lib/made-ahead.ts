/** Waits for the event loop's next turn: what was started (a write) gets under way first. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The items of `source`, each made while the one before is being used: once an item is handed over, the next is
 * asked for on the event loop's next turn, after the taker has started what it does with it (a write, which goes on
 * in the background). For a source whose items take work on this thread to make, such as a class's rows.
 *
 * @example await writeFileDurably(file, madeAhead(rows())); // rows are made while the last ones are written
 */
export async function* madeAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const items = source[Symbol.asyncIterator]();
  let next = items.next();
  for (;;) {
    const item = await next;
    if (item.done) return;
    next = nextTurn().then(() => items.next());
    yield item.value;
  }
}
