import { useEffect, useState } from 'preact/hooks';
import { browserStorage, readProgress, updateProgress } from '../progress/browser-store';
import { isProgressProblem, recordQuizAnswers } from '../progress/record';
import './Quiz.css';

/** One multiple-choice question. */
export interface QuizQuestion {
  /** The question, as plain text. */
  prompt: string;
  /** The choices, in the order shown. */
  choices: string[];
  /** The 0-based index of the right choice. */
  answer: number;
  /** Why the right answer is right; shown after any answer. */
  explanation: string;
}

/** Props of the end-of-lesson quiz. */
export interface QuizProps {
  /** The lesson id (`week-1/cidr`); answers are saved in the learner's progress under it. */
  id: string;
  /** The questions, in order. */
  questions: QuizQuestion[];
}

type Answers = Record<number, number>;

/**
 * A short quiz with immediate feedback. Each question locks once answered so the score means something; "Start
 * over" clears the answers (a finished quiz stays marked as done in the progress record).
 */
export default function Quiz({ id, questions }: QuizProps) {
  const [answers, setAnswers] = useState<Answers>({});
  const [saveError, setSaveError] = useState<string>();
  const rightAnswers = questions.map((question) => question.answer);

  useEffect(() => {
    const storage = browserStorage();
    if (!storage) return;
    const stored = readProgress(storage);
    const saved = isProgressProblem(stored) ? {} : (stored.quizzes[id]?.answers ?? {});
    setAnswers(Object.fromEntries(Object.entries(saved).map(([index, choice]) => [Number(index), choice])));
  }, [id]);

  const save = (next: Answers) => {
    setAnswers(next);
    const storage = browserStorage();
    if (!storage) {
      setSaveError('This browser blocks local storage, so your answers will not be kept after you leave the page.');
      return;
    }
    setSaveError(
      updateProgress(storage, (progress) => recordQuizAnswers(progress, id, next, rightAnswers, new Date())).saveError,
    );
  };

  const answeredCount = Object.keys(answers).length;
  const correctCount = questions.filter((question, index) => answers[index] === question.answer).length;
  const headingId = `quiz-${id.replace(/\W/g, '-')}`;

  return (
    <section class="quiz" aria-labelledby={headingId}>
      <h3 id={headingId} class="quiz-heading">
        Quiz: {questions.length} {questions.length === 1 ? 'question' : 'questions'}
      </h3>
      <ol class="quiz-questions">
        {questions.map((question, index) => {
          const chosen = answers[index];
          const answered = chosen !== undefined;
          const right = chosen === question.answer;
          const name = `${headingId}-q${index}`;
          return (
            <li class="quiz-question">
              <fieldset>
                <legend>
                  <span class="quiz-number">{index + 1}.</span> {question.prompt}
                </legend>
                {question.choices.map((choice, choiceIndex) => (
                  <label
                    class={`quiz-choice${answered && choiceIndex === question.answer ? ' is-right' : ''}${answered && choiceIndex === chosen && !right ? ' is-wrong' : ''}`}
                  >
                    <input
                      type="radio"
                      name={name}
                      value={choiceIndex}
                      checked={chosen === choiceIndex}
                      disabled={answered && chosen !== choiceIndex}
                      aria-disabled={answered}
                      onChange={() => {
                        if (!answered) save({ ...answers, [index]: choiceIndex });
                      }}
                    />
                    <span>{choice}</span>
                    {answered && choiceIndex === question.answer && <span class="quiz-tag"> (right answer)</span>}
                  </label>
                ))}
                <div class="quiz-feedback" aria-live="polite">
                  {answered && (
                    <p class={right ? 'quiz-right' : 'quiz-wrong'}>
                      <strong>{right ? '✓ Right.' : '✗ Not quite.'}</strong> {question.explanation}
                    </p>
                  )}
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <p class="quiz-score" aria-live="polite">
        {answeredCount === questions.length
          ? `Done: ${correctCount} of ${questions.length} right. Your answers are saved in this browser.`
          : `${answeredCount} of ${questions.length} answered.`}
      </p>
      {saveError && (
        <p class="quiz-save-error" role="alert">
          {saveError}
        </p>
      )}
      {answeredCount > 0 && (
        <button type="button" class="quiz-reset" onClick={() => save({})}>
          Start over
        </button>
      )}
    </section>
  );
}
