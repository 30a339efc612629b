import { useEffect, useState } from 'preact/hooks';
import type { InstructorLink, InstructorLinkStatus } from '../progress/instructor-link';
import { waitingMessage } from '../progress/waiting-message';
import { instructorLrsHinted } from '../progress/xapi-launch-hint';
import './SendToInstructor.css';

/** What is sent, and who named the LRS, in a sentence. */
function whatIsSent(status: InstructorLinkStatus): string {
  const who = status.kind === 'configured' ? 'This course sends' : 'Your LMS launched the course, so it sends';
  return `${who} your Verify results and finished quizzes to your instructor's learning record store at ${status.destination}, as soon as they are saved.`;
}

/**
 * "Send to my instructor" on the Progress page, shown only when the build or a launch names an LRS: where statements
 * go, how many wait, when they were last sent, the last problem in plain words, and "Send now". New Verify attempts
 * and finished quizzes are queued by the page on their own (instructor-link-page.ts); this is where the learner sees
 * it and can push.
 */
export default function SendToInstructor() {
  const [link, setLink] = useState<InstructorLink>();
  const [status, setStatus] = useState<InstructorLinkStatus>();

  useEffect(() => {
    // The sending code loads only when there may be somewhere to send.
    if (!instructorLrsHinted()) return;
    let stop: (() => void) | undefined;
    let gone = false;
    void import('../progress/instructor-link-page').then(({ pageInstructorLink }) => {
      const opened = pageInstructorLink().link;
      if (!opened || gone) return;
      setLink(opened);
      setStatus(opened.status());
      stop = opened.subscribe(setStatus);
    });
    return () => {
      gone = true;
      stop?.();
    };
  }, []);

  if (!link || !status) return null;
  return (
    <section class="send-to-instructor" aria-labelledby="send-to-instructor-heading">
      <h3 id="send-to-instructor-heading">Send to my instructor</h3>
      <p>{whatIsSent(status)}</p>
      <p class="send-waiting" aria-live="polite">
        {waitingMessage(status.waiting)}
      </p>
      {status.lastSentAt && (
        <p>
          Last sent at <time dateTime={status.lastSentAt}>{new Date(status.lastSentAt).toLocaleTimeString()}</time>.
        </p>
      )}
      {status.problem && (
        <p class="send-problem" role="alert">
          <strong>{status.problem.message}</strong> {status.problem.hint}
        </p>
      )}
      <button
        type="button"
        class="progress-secondary"
        disabled={status.sending || (status.waiting === 0 && !status.problem)}
        onClick={() => void link.sendNow()}
      >
        Send now
      </button>
    </section>
  );
}
