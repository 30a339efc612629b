import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quizSchema, type QuizQuestion } from '../../src/lessons/quiz-schema';
import { readStoredProgress, recordQuizAnswers } from '../../src/progress/record';
import { progressSchema } from '../../src/progress/schema';
import { readLessons, readQuiz } from './lesson-files';

/** Every lesson's quiz as authored, validated: the schema's own test comes first below. */
const quizzes = readLessons().flatMap((lesson) => {
  const quiz = readQuiz(lesson);
  return quiz ? [{ id: quiz.id, questions: quizSchema.safeParse(quiz.questions) }] : [];
});
const parsedQuizzes = quizzes.flatMap(({ id, questions }) =>
  questions.success ? [{ id, questions: questions.data }] : [],
);

/** The authored position of the right choice: where a reader without JavaScript sees it. */
const rightPosition = (question: QuizQuestion) => question.choices.findIndex((choice) => choice.right);
const rightChoiceIds = (questions: QuizQuestion[]) =>
  questions.map((question) => question.choices.find((choice) => choice.right)!.id);

/** No authored position may hold more than this share of the course's right answers. */
const maxShareAtOnePosition = 0.4;

describe('quiz content', () => {
  it('has a valid quiz on every lesson: one right choice per question, every choice with an id of its own', () => {
    const problems = quizzes.flatMap(({ id, questions }) =>
      questions.success
        ? []
        : questions.error.issues.map((issue) => `${id}: questions.${issue.path.join('.')}: ${issue.message}`),
    );
    expect(problems).toEqual([]);
    expect(quizzes).toHaveLength(20);
  });

  it(`puts no more than ${maxShareAtOnePosition * 100}% of the course's right answers at one authored position`, () => {
    const positions = parsedQuizzes.flatMap(({ questions }) => questions.map(rightPosition));
    const crowded = Object.entries(Object.groupBy(positions, (position) => position))
      .filter(([, at]) => at!.length > positions.length * maxShareAtOnePosition)
      .map(([position, at]) => `choice ${Number(position) + 1} is right in ${at!.length} of ${positions.length}`);
    expect(crowded).toEqual([]);
  });

  it('never puts every right answer of a quiz of three or more questions at one authored position', () => {
    const samePlace = parsedQuizzes
      .filter(({ questions }) => questions.length >= 3 && new Set(questions.map(rightPosition)).size === 1)
      .map(({ id }) => id);
    expect(samePlace).toEqual([]);
  });
});

describe('a progress record saved before choices had ids', () => {
  // Written by the course before issue 15: answers are the index of the choice in the authored order of the time,
  // even questions answered right, odd ones with the choice after the right one.
  const text = readFileSync(join(import.meta.dirname, 'fixtures/progress-with-authored-indices.json'), 'utf8');

  it('still reads as a valid record of this version', () => {
    expect(progressSchema.safeParse(JSON.parse(text)).success).toBe(true);
  });

  it('scores the same against the quizzes of today, whose choices moved and gained ids', () => {
    const record = readStoredProgress(text);
    if ('code' in record) throw new Error(record.message);
    // The quizzes of that time: Start here came later.
    const rescored = parsedQuizzes
      .filter(({ id }) => id in record.quizzes)
      .map(({ id, questions }) => {
        const saved = record.quizzes[id]!;
        const answers = Object.fromEntries(
          Object.entries(saved.answers).map(([index, choice]) => [Number(index), choice]),
        );
        // Scored against the questions the quiz had then: a quiz only ever gains questions at its end.
        const then = questions.slice(0, saved.total);
        const again = recordQuizAnswers(record, id, answers, rightChoiceIds(then), new Date()).quizzes[id]!;
        return { id, saved: `${saved.correct} of ${saved.total}`, now: `${again.correct} of ${again.total}` };
      });
    expect(rescored.filter(({ saved, now }) => saved !== now)).toEqual([]);
    expect(rescored).toHaveLength(19);
  });
});
