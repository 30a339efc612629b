import { fnv1a32 } from '../lib/fnv1a';

/** mulberry32: a tiny seeded generator of numbers in [0, 1), the same in every browser for the same seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * The order one learner sees a question's choices in, as their authored positions: a Fisher–Yates shuffle seeded by
 * the learner's record id, the quiz id and the question's index. A reload shows the same order, another learner most
 * likely another, and over a class the right answer sits at every position about as often.
 *
 * @example
 * learnerChoiceOrder('5f0c7d2e-…', 'week-1/cidr', 0, 4); // e.g. [2, 0, 3, 1]: the third authored choice shows first
 */
export function learnerChoiceOrder(learnerId: string, quizId: string, questionIndex: number, count: number): number[] {
  const random = seededRandom(fnv1a32(`${learnerId}\n${quizId}\n${questionIndex}`));
  const order = Array.from({ length: count }, (_, position) => position);
  for (let last = count - 1; last > 0; last -= 1) {
    const swap = Math.floor(random() * (last + 1));
    [order[last], order[swap]] = [order[swap]!, order[last]!];
  }
  return order;
}
