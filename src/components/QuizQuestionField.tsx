import { useEffect, useRef, useState } from 'preact/hooks';
import type { QuizChoice, QuizQuestion } from '../lessons/quiz-schema';
import CodeText from './CodeText';

/** Props of one quiz question. */
export interface QuizQuestionFieldProps {
  /** The question as authored. */
  question: QuizQuestion;
  /** Its choices in the order this learner sees them. */
  choices: QuizChoice[];
  /** The radio group's name, unique on the page. */
  name: string;
  /** The id of the choice the learner answered with; unset while the question is open. */
  chosen: number | undefined;
  /** Saves `choiceId` as the learner's answer. */
  onAnswer: (choiceId: number) => void;
}

/**
 * One question of a quiz: choosing a radio only selects it, so a keyboard or screen-reader user can go through the
 * choices with the arrow keys; "Check answer" (or Enter in the group) answers, locks the question and moves focus to
 * the feedback, which is read out once, as the focused text.
 */
export default function QuizQuestionField({ question, choices, name, chosen, onAnswer }: QuizQuestionFieldProps) {
  const [picked, setPicked] = useState<number>();
  const feedback = useRef<HTMLParagraphElement>(null);
  // Set by Check alone: answers read from the record on load show their feedback without taking the focus.
  const focusFeedback = useRef(false);
  useEffect(() => {
    if (!focusFeedback.current) return;
    focusFeedback.current = false;
    feedback.current?.focus();
  });

  const answered = chosen !== undefined;
  const right = question.choices.some((choice) => choice.right && choice.id === chosen);
  const check = () => {
    if (answered || picked === undefined) return;
    focusFeedback.current = true;
    // The pick is now the answer; clearing it leaves nothing selected should the learner start over.
    setPicked(undefined);
    onAnswer(picked);
  };

  return (
    <fieldset>
      <legend>
        <CodeText text={question.prompt} />
      </legend>
      {choices.map((choice) => (
        <label
          key={choice.id}
          class={`quiz-choice${answered && choice.right ? ' is-right' : ''}${answered && choice.id === chosen && !right ? ' is-wrong' : ''}`}
        >
          <input
            type="radio"
            name={name}
            value={choice.id}
            checked={(chosen ?? picked) === choice.id}
            disabled={answered && chosen !== choice.id}
            aria-disabled={answered}
            onChange={() => {
              if (!answered) setPicked(choice.id);
            }}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              event.preventDefault();
              check();
            }}
          />
          <span>
            <CodeText text={choice.text} />
          </span>
          {answered && choice.right && <span class="quiz-tag"> (right answer)</span>}
        </label>
      ))}
      {/* Stays focusable while nothing is chosen, so a keyboard user finds it and hears that it is unavailable. */}
      {!answered && (
        <button type="button" class="quiz-check" aria-disabled={picked === undefined} onClick={check}>
          Check answer
        </button>
      )}
      <div class="quiz-feedback">
        {answered && (
          <p ref={feedback} tabIndex={-1} class={right ? 'quiz-right' : 'quiz-wrong'}>
            <strong>{right ? '✓ Right.' : '✗ Not quite.'}</strong> <CodeText text={question.explanation} />
          </p>
        )}
      </div>
    </fieldset>
  );
}
