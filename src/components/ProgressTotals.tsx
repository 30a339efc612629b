import type { CourseTotals } from '../progress/course-summary';

/** `1 attempt`, `2 attempts`; `plural` for nouns that do not just add an s (`quizzes`). */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** Lessons opened, quizzes done with their right answers, and exercises verified, for a week or the whole course. */
export function ProgressTotals({ totals }: { totals: CourseTotals }) {
  const { correct, total } = totals.quizAnswers;
  return (
    <ul class="progress-totals">
      <li>
        {totals.visited} of {countOf(totals.lessons, 'lesson')} opened
      </li>
      <li>
        {totals.quizzesDone} of {countOf(totals.lessons, 'quiz', 'quizzes')} done
        {totals.quizzesDone > 0 && `, ${correct} of ${total} answers right`}
      </li>
      {totals.exercises > 0 && (
        <li>
          {totals.verified} of {countOf(totals.exercises, 'exercise')} verified, in{' '}
          {countOf(totals.attempts, 'Verify attempt')}
        </li>
      )}
    </ul>
  );
}
