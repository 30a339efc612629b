import { z } from 'zod';

/** One choice of a quiz question. */
export const quizChoiceSchema = z
  .object({
    /**
     * The choice's identity, which a learner's answer is saved as (each learner sees the choices in an order of their
     * own). It stays while the choice means the same, even when the text is reworded or the choice moves; a choice
     * with a new meaning takes a number the question never used, so saved answers never point at something else.
     * The first choices of every question took their authored index (0–3), which is what answers were saved as
     * before choices had ids, so those answers still read right.
     */
    id: z.number().int().min(0),
    /** What the choice says; text between `backticks` shows as code, e.g. 'Run `aws sso login`'. */
    text: z.string().min(1),
    /** Set on the one right choice of the question. */
    right: z.literal(true).optional(),
  })
  .strict();

/** One multiple-choice question; the authored order of its choices is the order a reader without JavaScript sees. */
export const quizQuestionSchema = z
  .object({
    /** The question; text between `backticks` shows as code. */
    prompt: z.string().min(1),
    /** The choices, one of them right, each with an id of its own. */
    choices: z
      .array(quizChoiceSchema)
      .min(2, 'give the question at least two choices')
      .refine((choices) => choices.filter((choice) => choice.right).length === 1, {
        error: 'mark exactly one choice `right: true`',
      })
      .refine((choices) => new Set(choices.map((choice) => choice.id)).size === choices.length, {
        error: 'give every choice of the question an id of its own',
      }),
    /** Why the right answer is right, shown after any answer; text between `backticks` shows as code. */
    explanation: z.string().min(1),
  })
  .strict();

/** The questions of a lesson's quiz, in order; answers are saved by question index, so questions only ever append. */
export const quizSchema = z.array(quizQuestionSchema).min(1, 'give the quiz at least one question');

/** One choice of a quiz question. */
export type QuizChoice = z.infer<typeof quizChoiceSchema>;
/** One quiz question. */
export type QuizQuestion = z.infer<typeof quizQuestionSchema>;
