/**
 * The home page's "Continue where you left off": the lesson to go back to, worked out from the outline on the page
 * and the learner's progress, and shown only once a lesson has been opened. A small script rather than an island,
 * since every byte of it loads with the home page; the progress store it uses is already shared with the frame.
 */
import type { ExerciseId } from '../lessons/schema';
import { browserStorage, progressStorageKey } from '../progress/browser-store';
import { type ContinueLesson, continueLesson } from '../progress/continue-lesson';
import type { CourseLesson } from '../progress/course-summary';
import { isProgressProblem, readStoredProgress } from '../progress/record';

/** Why the lesson is the one to continue with, after its title. */
const reasonWords: Record<ContinueLesson['reason'], string> = {
  'last-visited': 'the lesson you opened last.',
  'next-unfinished': 'the next lesson you have not finished.',
  'all-finished': 'the lesson you opened last. You have finished every lesson.',
};

/** An outline link's lesson, from its `data-outline-*` attributes. */
function lessonOf({ dataset }: HTMLAnchorElement): CourseLesson {
  return {
    id: dataset.outlineLesson ?? '',
    title: dataset.outlineTitle ?? '',
    exercise: dataset.outlineExercise as ExerciseId | undefined,
  };
}

function showContinue(): void {
  const section = document.querySelector<HTMLElement>('[data-continue]');
  const link = section?.querySelector<HTMLAnchorElement>('[data-continue-link]');
  const reason = section?.querySelector<HTMLElement>('[data-continue-reason]');
  const storage = browserStorage();
  if (!section || !link || !reason || !storage) return;
  const outlineLinks = [...document.querySelectorAll<HTMLAnchorElement>('a[data-outline-lesson]')];
  const lessons = outlineLinks.map(lessonOf);
  // Only reads: an unreadable record is the frame script's to back up and tell of (course-frame.ts), which it
  // could not if this script, running first, had already replaced it with a fresh one.
  const stored = storage.getItem(progressStorageKey);
  const progress = stored === null ? undefined : readStoredProgress(stored);
  if (!progress || isProgressProblem(progress)) return;
  const found = continueLesson(progress, lessons);
  if (!found) return;
  link.href = outlineLinks[lessons.indexOf(found.lesson)]!.getAttribute('href') ?? '';
  link.textContent = found.lesson.title;
  reason.textContent = `, ${reasonWords[found.reason]}`;
  section.hidden = false;
}

showContinue();
