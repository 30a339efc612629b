import { type CourseWeek, courseTotals, weekSummaries } from '../progress/course-summary';
import { LessonProgress } from './LessonProgress';
import { ProgressBar } from './ProgressBar';
import { ProgressTotals } from './ProgressTotals';
import { useStoredProgress } from './use-stored-progress';
import './ProgressPage.css';

/** Props of the Progress page's weeks. */
export interface ProgressWeeksProps {
  /** The course's weeks and lessons, in order, from the build. */
  weeks: CourseWeek[];
}

/** Each week: lessons finished as a bar, the week's totals, then every lesson with its quiz and Verify attempts. */
export default function ProgressWeeks({ weeks }: ProgressWeeksProps) {
  const stored = useStoredProgress();
  if (stored.state !== 'ready') return null;
  return (
    <>
      {weekSummaries(stored.progress, weeks).map((week) => (
        <section class="progress-week" aria-labelledby={`progress-week-${week.week}`} key={week.week}>
          <h2 id={`progress-week-${week.week}`}>{week.title}</h2>
          <ProgressBar
            label={`Week ${week.week}: lessons finished`}
            finished={week.finished}
            total={week.lessons.length}
          />
          <ProgressTotals totals={courseTotals([week])} />
          <ol class="progress-lessons">
            {week.lessons.map((lesson) => (
              <LessonProgress summary={lesson} key={lesson.lesson.id} />
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}
