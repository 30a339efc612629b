import { type CourseWeek, courseTotals, weekSummaries } from '../progress/course-summary';
import { ProgressBar } from './ProgressBar';
import { ProgressTotals } from './ProgressTotals';
import { useStoredProgress } from './use-stored-progress';
import './ProgressPage.css';

/** Props of the Progress page's course totals. */
export interface ProgressOverviewProps {
  /** The course's weeks and lessons, in order, from the build. */
  weeks: CourseWeek[];
}

/** The whole course at a glance: lessons finished as a bar, then lessons opened, quizzes done, exercises verified. */
export default function ProgressOverview({ weeks }: ProgressOverviewProps) {
  const stored = useStoredProgress();
  const body = () => {
    if (stored.state === 'reading') return <p>Reading your progress from this browser…</p>;
    if (stored.state === 'blocked')
      return <p role="alert">This browser blocks local storage, so it keeps no progress for this course.</p>;
    if (stored.state === 'unreadable')
      return (
        <p>
          {stored.problem.message} Reload this page to keep it aside in this browser's storage and start a fresh record.
        </p>
      );
    const totals = courseTotals(weekSummaries(stored.progress, weeks));
    return (
      <>
        <ProgressBar label="The whole course: lessons finished" finished={totals.finished} total={totals.lessons} />
        <ProgressTotals totals={totals} />
      </>
    );
  };
  return (
    <section class="progress-overview" aria-labelledby="progress-overview-heading">
      <h2 id="progress-overview-heading">The whole course</h2>
      {body()}
      <p class="progress-rule">
        A lesson is finished when you have opened it, answered its whole quiz and, for an exercise, passed Verify.
      </p>
    </section>
  );
}
