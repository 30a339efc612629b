import { useEffect, useState } from 'preact/hooks';
import { learnerChoiceOrder } from '../lessons/choice-order';
import type { QuizQuestion } from '../lessons/quiz-schema';
import {
  browserStorage,
  progressChangedEvent,
  progressStorageKey,
  readProgress,
  updateProgress,
} from '../progress/browser-store';
import { isProgressProblem, recordQuizAnswers } from '../progress/record';
import { countOf } from './ProgressTotals';
import QuizQuestionField from './QuizQuestionField';
import './QuizPanel.css';

/** Props of the end-of-lesson quiz's interactive part. */
export interface QuizPanelProps {
  /** The lesson id (`week-1/cidr`); answers are saved in the learner's progress under it. */
  id: string;
  /** The questions, in order, as `quizSchema` in `src/lessons/quiz-schema.ts` describes them. */
  questions: QuizQuestion[];
}

/** The chosen choice's id, keyed by question index. */
type Answers = Record<number, number>;

/** Whose order the choices stand in: authored until the learner's record is read, then the learner's own. */
type ChoiceOrder = { of: 'authored' } | { of: 'learner'; learnerId?: string };

/** The id of a question's right choice; the content tests hold every question to exactly one. */
const rightChoiceId = (question: QuizQuestion) => question.choices.find((choice) => choice.right)!.id;

/** The question's choices in the order the learner sees them; without a learner id, in authored order. */
function shownChoices(question: QuizQuestion, quizId: string, index: number, order: ChoiceOrder) {
  if (order.of === 'authored' || !order.learnerId) return question.choices;
  const positions = learnerChoiceOrder(order.learnerId, quizId, index, question.choices.length);
  return positions.map((position) => question.choices[position]!);
}

/**
 * A short quiz with feedback on each answer as soon as it is checked. The server renders the choices in authored
 * order, which is what a reader without JavaScript gets; once the learner's record is read, each learner sees them in
 * an order of their own, the same on every visit, and answers are saved by choice id, so the order never affects the
 * score. Choosing only selects; each question is answered with its Check button and then locks, so the score means
 * something. "Start over" clears the answers (a finished quiz stays marked as done).
 */
export default function QuizPanel({ id, questions }: QuizPanelProps) {
  const [answers, setAnswers] = useState<Answers>({});
  const [order, setOrder] = useState<ChoiceOrder>({ of: 'authored' });
  const [saveError, setSaveError] = useState<string>();
  const rightAnswers = questions.map(rightChoiceId);

  useEffect(() => {
    const storage = browserStorage();
    if (!storage) {
      setOrder({ of: 'learner' });
      return;
    }
    // Only reads: unreadable progress is the course frame's to keep aside and tell of, and a record not stored yet
    // has no learner id to order by; the frame's saved record comes as a change, and is read then.
    const read = () => {
      const stored = storage.getItem(progressStorageKey) === null ? undefined : readProgress(storage);
      const progress = stored === undefined || isProgressProblem(stored) ? undefined : stored;
      const saved = progress?.quizzes[id]?.answers ?? {};
      setAnswers(Object.fromEntries(Object.entries(saved).map(([index, choice]) => [Number(index), choice])));
      setOrder({ of: 'learner', learnerId: progress?.learner.id });
    };
    read();
    window.addEventListener(progressChangedEvent, read);
    return () => window.removeEventListener(progressChangedEvent, read);
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
  const correctCount = questions.filter((_, index) => answers[index] === rightAnswers[index]).length;
  const headingId = `quiz-${id.replace(/\W/g, '-')}`;

  return (
    <section class="quiz" aria-labelledby={headingId} data-choice-order={order.of}>
      <h3 id={headingId} class="quiz-heading">
        {`Quiz: ${countOf(questions.length, 'question')}`}
      </h3>
      <ol class="quiz-questions">
        {questions.map((question, index) => (
          <li class="quiz-question">
            <QuizQuestionField
              question={question}
              choices={shownChoices(question, id, index, order)}
              name={`${headingId}-q${index}`}
              chosen={answers[index]}
              onAnswer={(choiceId) => save({ ...answers, [index]: choiceId })}
            />
          </li>
        ))}
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
