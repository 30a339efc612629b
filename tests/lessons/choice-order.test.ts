import { describe, expect, it } from 'vitest';
import { learnerChoiceOrder } from '../../src/lessons/choice-order';

const learners = Array.from({ length: 400 }, (_, index) => `learner-${index.toString(36).padStart(4, '0')}`);

describe('learnerChoiceOrder', () => {
  it('gives the same order to the same learner, quiz and question every time', () => {
    const first = learnerChoiceOrder('5f0c7d2e-9a41-4b8e', 'week-1/cidr', 2, 4);
    expect(learnerChoiceOrder('5f0c7d2e-9a41-4b8e', 'week-1/cidr', 2, 4)).toEqual(first);
  });

  it('gives a permutation of the authored positions', () => {
    for (const count of [2, 3, 4, 5]) {
      for (const learner of learners.slice(0, 50)) {
        const order = learnerChoiceOrder(learner, 'week-1/cidr', 0, count);
        expect([...order].sort()).toEqual(Array.from({ length: count }, (_, position) => position));
      }
    }
  });

  it('gives different learners different orders', () => {
    const orders = new Set(learners.map((learner) => learnerChoiceOrder(learner, 'week-1/cidr', 0, 4).join()));
    // 4 choices have 24 orders; 400 learners see nearly all of them.
    expect(orders.size).toBeGreaterThanOrEqual(20);
  });

  it('orders the questions of one quiz, and the same question of other quizzes, each on its own', () => {
    const learner = learners[0]!;
    const ofQuestions = new Set(
      [0, 1, 2, 3, 4, 5].map((index) => learnerChoiceOrder(learner, 'week-1/cidr', index, 4).join()),
    );
    const ofQuizzes = new Set(
      ['week-1/cidr', 'week-1/routing', 'week-2/s3-basics', 'week-2/key-cleanup', 'week-1/iam-basics'].map((quiz) =>
        learnerChoiceOrder(learner, quiz, 0, 4).join(),
      ),
    );
    expect(ofQuestions.size).toBeGreaterThan(1);
    expect(ofQuizzes.size).toBeGreaterThan(1);
  });

  it('shows the authored first choice at every position about as often, over a class', () => {
    const shownAt = [0, 0, 0, 0];
    for (const learner of learners) shownAt[learnerChoiceOrder(learner, 'week-1/cidr', 1, 4).indexOf(0)]! += 1;
    // A fair shuffle puts it at each position for a quarter of 400 learners: 100, give or take sampling noise.
    for (const count of shownAt) expect(count).toBeGreaterThan(65);
  });
});
