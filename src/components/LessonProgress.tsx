import { lessonPath } from '../lessons/outline';
import type { LessonSummary } from '../progress/course-summary';
import { AttemptHistory, LocalTime } from './AttemptHistory';
import { countOf } from './ProgressTotals';

/** The quiz's state in words: done with its score, started, or not answered. */
function quizWords({ marks }: LessonSummary): string {
  if (!marks.quizScore) return 'not answered yet';
  const score = `${marks.quizScore.correct} of ${marks.quizScore.total} right`;
  return marks.quizDone ? `done, ${score}` : `started, ${score} so far`;
}

/** The exercise's state in words: verified, or not yet, with the number of attempts. */
function exerciseWords({ marks, attempts }: LessonSummary): string {
  const state = marks.verified ? 'verified' : 'not verified yet';
  return `${state}, ${countOf(attempts.length, 'Verify attempt')}`;
}

/** When the lesson was last opened, its quiz, and its exercise when it has one, as terms and values. */
function LessonFacts({ summary }: { summary: LessonSummary }) {
  const { lesson, lastVisitedAt } = summary;
  return (
    <dl class="progress-facts">
      <dt>Last opened</dt>
      <dd>{lastVisitedAt ? <LocalTime at={lastVisitedAt} /> : 'not yet'}</dd>
      <dt>Quiz</dt>
      <dd>{quizWords(summary)}</dd>
      {lesson.exercise && (
        <>
          <dt>Exercise</dt>
          <dd>{exerciseWords(summary)}</dd>
        </>
      )}
    </dl>
  );
}

/**
 * One lesson on the Progress page: a link to it and, once the learner has done anything there, when it was opened,
 * its quiz, its exercise and every Verify attempt. A lesson not started says so in three words, so a long course
 * reads quickly.
 */
export function LessonProgress({ summary }: { summary: LessonSummary }) {
  const { lesson, marks, attempts, finished } = summary;
  const started = marks.visited || marks.quizScore !== undefined || attempts.length > 0;
  return (
    <li class={`progress-lesson${finished ? ' is-finished' : ''}`}>
      <h3>
        <a href={lessonPath(lesson.id)}>{lesson.title}</a>
        {finished && <span class="progress-finished">Finished</span>}
      </h3>
      {started ? <LessonFacts summary={summary} /> : <p class="progress-not-started">Not opened yet.</p>}
      {attempts.length > 0 && <AttemptHistory attempts={attempts} />}
    </li>
  );
}
