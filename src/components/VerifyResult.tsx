import type { Ref } from 'preact';
import { checkStatuses, passedCount, runStatuses } from '../../checkers/status';
import type { VerifyAttempt } from '../progress/schema';
import type { VerifyFailure } from '../verify/run-live';

/** A result to show: a run just made, or the last attempt kept in progress (which carries its time). */
export type ShownResult = Pick<VerifyAttempt, 'status' | 'mode' | 'region' | 'account' | 'checks'> & {
  /** When a saved attempt was made; absent for the run just made. */
  at?: string;
};

/** Where a result came from: `sandbox, us-west-2, account 123456789012`. */
function whereChecked(result: ShownResult): string {
  const parts = [result.mode === 'offline' ? 'sandbox' : 'your account', result.region];
  if (result.account) parts.push(`account ${result.account}`);
  return parts.filter(Boolean).join(', ');
}

/** A saved attempt's time in the learner's own locale and zone. */
function checkedAt(at: string): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A Verify result: its heading (focused when it arrives) and each check with its mark, message and fix. */
export function VerifyResult({ result, headingRef }: { result: ShownResult; headingRef: Ref<HTMLHeadingElement> }) {
  return (
    <div class={`verify-result verify-${result.status}`}>
      <h3 tabIndex={-1} ref={headingRef}>
        {result.at ? 'Last check — ' : ''}
        {runStatuses[result.status].heading}: {passedCount(result.checks)} of {result.checks.length} checks{' '}
        <span class="verify-where">({whereChecked(result)})</span>
      </h3>
      {result.at && (
        <p class="verify-when">
          Checked <time dateTime={result.at}>{checkedAt(result.at)}</time>; press Verify to check again.
        </p>
      )}
      <ul class="verify-results">
        {result.checks.map((check) => (
          <li key={check.id} class={`verify-check verify-check-${check.status}`}>
            <span class="verify-mark" aria-hidden="true">
              {checkStatuses[check.status].mark}
            </span>
            <span class="visually-hidden">{checkStatuses[check.status].words}: </span>
            <strong>{check.title ?? check.id}</strong>: {check.message}
            {check.hint && check.status !== 'pass' && <pre class="verify-hint">{check.hint}</pre>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Why Verify could not give a result, with what to do. */
export function VerifyFailureView({
  failure,
  headingRef,
}: {
  failure: VerifyFailure;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  return (
    <div class="verify-failure">
      <h3 tabIndex={-1} ref={headingRef}>
        Could not check
      </h3>
      <p>{failure.message}</p>
      {failure.hint && <p class="verify-failure-hint">{failure.hint}</p>}
    </div>
  );
}
