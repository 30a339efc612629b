/**
 * The one script every page loads: the theme toggle, recording that a lesson was opened, and the progress marks in
 * the navigation and the outline. It must stay small (the budget is 5 kB compressed), so it imports no schema library.
 */
import { browserStorage, loadProgress, progressChangedEvent, updateProgress } from '../progress/browser-store';
import { lessonMarks, recordLessonVisit } from '../progress/record';
import { instructorLrsHinted } from '../progress/xapi-launch-hint';
import instructorBarUrl from './instructor-bar?entry-url';

const themeKey = 'awscourse.theme';

/** The theme button switches theme and remembers the choice; its label follows the theme through CSS. */
function setUpThemeToggle(): void {
  const button = document.querySelector<HTMLButtonElement>('[data-theme-toggle]');
  button?.addEventListener('click', () => {
    const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem(themeKey, next);
    } catch {
      // The choice then lasts for this page only; nothing else depends on it.
    }
  });
}

/**
 * Expressive Code makes each code block that scrolls sideways a focusable region, so that a keyboard can scroll it,
 * and drops the role again when the block fits. Screen readers list regions by name, so each gets its own while it
 * is one.
 */
function nameScrollingCodeBlocks(): void {
  const blocks = [...document.querySelectorAll<HTMLElement>('.expressive-code pre')];
  const name = (block: HTMLElement) => {
    if (block.getAttribute('role') === 'region')
      block.setAttribute('aria-label', `Code block ${blocks.indexOf(block) + 1}`);
    else block.removeAttribute('aria-label');
  };
  const observer = new MutationObserver((changes) => {
    for (const change of changes) name(change.target as HTMLElement);
  });
  for (const block of blocks) {
    name(block);
    observer.observe(block, { attributeFilter: ['role'] });
  }
}

/** Fills every `[data-marks-for]` element with the lesson's marks, as symbols plus words for screen readers. */
function renderMarks(storage: ReturnType<typeof browserStorage>): void {
  if (!storage) return;
  const { progress } = loadProgress(storage);
  for (const element of document.querySelectorAll<HTMLElement>('[data-marks-for]')) {
    const marks = lessonMarks(progress, element.dataset.marksFor ?? '', element.dataset.exercise);
    const parts: string[] = [];
    const spoken: string[] = [];
    if (marks.visited) {
      parts.push('●');
      spoken.push('visited');
    }
    if (marks.quizDone) {
      parts.push('✓');
      spoken.push(`quiz done, ${marks.quizScore?.correct} of ${marks.quizScore?.total} right`);
    }
    if (marks.verified) {
      parts.push('★');
      spoken.push('exercise verified');
    }
    element.replaceChildren();
    if (parts.length === 0) continue;
    const visible = document.createElement('span');
    visible.setAttribute('aria-hidden', 'true');
    visible.textContent = parts.join(' ');
    const hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = `(${spoken.join(', ')})`;
    element.append(visible, hidden);
    element.title = spoken.join(', ');
  }
}

function showProgressProblem(message: string, backupKey: string): void {
  const main = document.querySelector('main');
  if (!main) return;
  const notice = document.createElement('p');
  notice.setAttribute('role', 'alert');
  notice.className = 'callout callout-warning';
  notice.textContent = `${message} It was kept in this browser's storage under "${backupKey}", and a fresh record was started.`;
  main.prepend(notice);
}

/**
 * The instructor bar's code, by the browser's own import() of its chunk's address: Vite's import() would put its
 * preload helper and the chunk's list of dependencies in this script (src/integrations/entry-url.ts).
 */
function importInstructorBar(): Promise<typeof import('./instructor-bar')> {
  return import(/* @vite-ignore */ instructorBarUrl);
}

function start(): void {
  // Sending to an instructor's LRS loads its code only when the build or a launch link names one.
  if (instructorLrsHinted()) void importInstructorBar().then((bar) => bar.showInstructorBar());
  setUpThemeToggle();
  nameScrollingCodeBlocks();
  const storage = browserStorage();
  if (!storage) return;
  const { problem } = loadProgress(storage);
  if (problem) showProgressProblem(problem.message, problem.backupKey);
  const lessonId = document.querySelector<HTMLElement>('[data-lesson-id]')?.dataset.lessonId;
  if (lessonId) updateProgress(storage, (progress) => recordLessonVisit(progress, lessonId, new Date()));
  renderMarks(storage);
  window.addEventListener(progressChangedEvent, () => renderMarks(storage));
}

start();
