import { checkStatuses, passedCount, runStatuses } from '../../checkers/status';
import type { VerifyAttempt } from '../progress/schema';

/** A time in the learner's own locale and zone, as a `<time>` element. */
export function LocalTime({ at }: { at: string }) {
  return (
    <time dateTime={at}>{new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}</time>
  );
}

/** Where an attempt checked: the sandbox, or the learner's own account, with the region when it is known. */
function whereChecked(attempt: VerifyAttempt): string {
  const where = attempt.mode === 'offline' ? 'sandbox' : 'your account';
  return attempt.region ? `${where}, ${attempt.region}` : where;
}

/** One attempt, folded to its outcome and time; open, each check with its outcome and message. */
function AttemptDetails({ attempt, number }: { attempt: VerifyAttempt; number: number }) {
  return (
    <details class={`progress-attempt progress-attempt-${attempt.status}`}>
      <summary>
        Attempt {number}: {runStatuses[attempt.status].heading}, {passedCount(attempt.checks)} of{' '}
        {attempt.checks.length} checks ({whereChecked(attempt)}), <LocalTime at={attempt.at} />
      </summary>
      <ul class="progress-checks">
        {attempt.checks.map((check) => (
          <li key={check.id} class={`progress-check progress-check-${check.status}`}>
            <span class="progress-check-mark" aria-hidden="true">
              {checkStatuses[check.status].mark}
            </span>
            <span>
              <span class="visually-hidden">{checkStatuses[check.status].words}: </span>
              <strong>{check.title ?? check.id}</strong>: {check.message}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Every Verify attempt of an exercise, newest first, each one folded until the learner opens it. */
export function AttemptHistory({ attempts }: { attempts: readonly VerifyAttempt[] }) {
  const numbered = attempts.map((attempt, index) => ({ attempt, number: index + 1 })).reverse();
  return (
    <ol class="progress-attempts" reversed aria-label="Verify attempts, newest first">
      {numbered.map(({ attempt, number }) => (
        <li key={number}>
          <AttemptDetails attempt={attempt} number={number} />
        </li>
      ))}
    </ol>
  );
}
