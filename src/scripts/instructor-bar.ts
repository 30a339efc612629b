/**
 * The line under the header on every page while the course sends to an instructor's LRS: where it sends, how many
 * statements wait, the last problem, and for a cmi5 launch an "Exit course" button that ends the LMS session and goes
 * back to the LMS. The course frame's script loads this only when there may be an LRS (xapi-launch-hint.ts).
 */
import type { InstructorLink, InstructorLinkStatus } from '../progress/instructor-link';
import { pageInstructorLink } from '../progress/instructor-link-page';
import { waitingMessage } from '../progress/waiting-message';
import type { LaunchProblem } from '../progress/xapi-launch';
import barStyles from './instructor-bar.css?inline';

/** A paragraph with some text. */
function paragraph(className: string, text: string): HTMLParagraphElement {
  const element = document.createElement('p');
  element.className = className;
  element.textContent = text;
  return element;
}

/** Sets an element's text only when it differs, so that a live region is not read out again for nothing. */
function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** The sentence saying where statements go. */
function destinationText(status: InstructorLinkStatus): string {
  const where = status.destination;
  if (status.kind === 'cmi5') return `Launched from your LMS: your results are recorded at ${where}.`;
  return `Your Verify results and quiz scores are sent to your instructor at ${where}.`;
}

/** The cmi5 session's state, when it is not simply under way. */
function sessionText(status: InstructorLinkStatus): string | undefined {
  if (status.session === 'starting') return 'Connecting to your LMS…';
  if (status.session !== 'ended') return undefined;
  if (status.waiting > 0) return 'You have left the course; the rest is sent as soon as the connection is back.';
  return 'This LMS session has ended. To record more work, launch the course again from your LMS.';
}

/** Draws the bar's text from the status. */
function render(bar: HTMLElement, status: InstructorLinkStatus): void {
  const lines = [paragraph('instructor-bar-where', destinationText(status))];
  const state = sessionText(status);
  if (state) lines.push(paragraph('instructor-bar-session', state));
  // Live regions speak on every change of their text: only the count and the problem, each when it changes, not each
  // send starting and ending.
  setText(bar.querySelector<HTMLElement>('.instructor-bar-waiting')!, waitingMessage(status.waiting));
  const problem = bar.querySelector<HTMLElement>('.instructor-bar-problem')!;
  setText(problem, status.problem ? `${status.problem.message} ${status.problem.hint ?? ''}`.trim() : '');
  problem.hidden = !status.problem;
  bar.querySelector('.instructor-bar-text')!.replaceChildren(...lines);
  const exit = bar.querySelector<HTMLButtonElement>('.instructor-bar-exit');
  if (exit) exit.hidden = status.session === 'ended';
}

/** The "Exit course" button: ends the session, then goes to the LMS's returnURL once everything is sent. */
function exitButton(link: InstructorLink): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'instructor-bar-exit';
  button.textContent = 'Exit course';
  let leaving = false;
  let wentBack = false;
  const goBack = (status: InstructorLinkStatus) => {
    const sent = status.session === 'ended' && status.waiting === 0 && !status.sending;
    if (!leaving || wentBack || !sent || !status.returnUrl) return;
    wentBack = true;
    location.assign(status.returnUrl);
  };
  link.subscribe(goBack);
  button.addEventListener('click', async () => {
    leaving = true;
    button.disabled = true;
    goBack(await link.exit());
    button.disabled = false;
  });
  return button;
}

/** Shows why a launch link cannot be used. */
function showProblem(problem: LaunchProblem): void {
  const notice = paragraph('callout callout-warning instructor-bar-launch', `${problem.message} ${problem.hint}`);
  notice.setAttribute('role', 'alert');
  document.querySelector('.site-header')?.after(notice);
}

/** The bar's styles, in the page only where the bar is: nothing loads the stylesheet of a chunk imported by URL. */
function addStyles(): void {
  const style = document.createElement('style');
  style.textContent = barStyles;
  document.head.append(style);
}

/** Puts the bar under the header and keeps it current. */
export function showInstructorBar(): void {
  addStyles();
  const { link, problem } = pageInstructorLink();
  if (problem) showProblem(problem);
  if (!link) return;
  const bar = document.createElement('section');
  bar.className = 'instructor-bar';
  bar.setAttribute('aria-label', 'Sending to your instructor');
  const text = document.createElement('div');
  text.className = 'instructor-bar-text';
  const waiting = paragraph('instructor-bar-waiting', '');
  waiting.setAttribute('aria-live', 'polite');
  const problemLine = paragraph('instructor-bar-problem', '');
  problemLine.setAttribute('role', 'alert');
  bar.append(text, waiting, problemLine);
  if (link.status().kind === 'cmi5') bar.append(exitButton(link));
  document.querySelector('.site-header')?.after(bar);
  render(bar, link.status());
  link.subscribe((status) => render(bar, status));
}
