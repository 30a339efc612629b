import { useEffect, useRef, useState } from 'preact/hooks';
import { checkStatuses, passedCount, runStatuses } from '../../checkers/status';
import type { CheckerRun } from '../../checkers/run';
import type { ExerciseId } from '../lessons/schema';
import { browserStorage, updateProgress } from '../progress/browser-store';
import { recordVerifyAttempt } from '../progress/record';
import { verifyAttemptOf } from '../verify/attempt';
import type { VerifyFailure } from '../verify/run-live';
import './VerifyPanel.css';
import { errorMessage } from '../lib/error-message';

/** Props of the Verify panel under an exercise. */
export interface VerifyPanelProps {
  /** The exercise this panel checks. */
  exercise: ExerciseId;
}

type Mode = 'offline' | 'live';

/** The parameters a learner may give each exercise's checker, as form fields. */
const fields: Partial<
  Record<ExerciseId, { name: string; label: string; placeholder?: string; multiline?: boolean; hint: string }[]>
> = {
  'exercise-3': [
    {
      name: 'identityDocument',
      label: 'Instance identity document (optional)',
      multiline: true,
      hint: 'Paste what the metadata service returned for /latest/dynamic/instance-identity/document.',
    },
  ],
  'exercise-5': [
    {
      name: 'bucket',
      label: 'Photo bucket',
      placeholder: 'photos-…',
      hint: 'The bucket the app uses (PHOTOS_BUCKET).',
    },
    {
      name: 'appUrl',
      label: 'Gallery app address',
      placeholder: 'http://localhost:5000',
      hint: 'Where the app runs; live mode reads it from the course server.',
    },
  ],
  'exercise-6': [
    {
      name: 'bucket',
      label: 'Photo bucket',
      placeholder: 'photos-…',
      hint: 'The bucket the app uses (PHOTOS_BUCKET).',
    },
    {
      name: 'appUrl',
      label: 'Gallery app address',
      placeholder: 'http://localhost:5000',
      hint: 'Where the app runs; live mode reads it from the course server.',
    },
  ],
};

/**
 * The Verify button: checks the exercise read-only in the sandbox kept in this browser (offline, the default) or,
 * when the course runs on the learner's machine, in their own AWS account (live). Results are announced to screen
 * readers, saved in the learner's progress, and every failure says how to fix it.
 */
export default function VerifyPanel({ exercise }: VerifyPanelProps) {
  const [mode, setMode] = useState<Mode>('offline');
  const [region, setRegion] = useState('us-west-2');
  const [params, setParams] = useState<Record<string, string>>({});
  const [running, setRunning] = useState(false);
  const [run, setRun] = useState<CheckerRun>();
  const [failure, setFailure] = useState<VerifyFailure>();
  const [note, setNote] = useState<string>();
  const resultHeading = useRef<HTMLHeadingElement>(null);
  // The server-rendered panel is inert until hydrated, so nothing a learner does before then is silently lost.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const id = `verify-panel-${exercise}`;

  const verify = async () => {
    setRunning(true);
    setRun(undefined);
    setFailure(undefined);
    setNote(undefined);
    const request = { exercise, params, region };
    try {
      if (mode === 'offline') {
        const { verifyOffline } = await import('../verify/run-in-browser');
        const result = await verifyOffline(request);
        setRun(result.run);
        setNote(result.note);
        save(result.run);
      } else {
        const { verifyLive } = await import('../verify/run-live');
        const result = await verifyLive(request);
        if ('run' in result) {
          setRun(result.run);
          save(result.run);
        } else setFailure(result.failure);
      }
    } catch (error) {
      setFailure({ message: errorMessage(error, 'The check could not run.') });
    } finally {
      setRunning(false);
      requestAnimationFrame(() => resultHeading.current?.focus());
    }
  };

  const save = (result: CheckerRun) => {
    const storage = browserStorage();
    if (!storage) return;
    const saved = updateProgress(storage, (progress) => recordVerifyAttempt(progress, verifyAttemptOf(result)));
    if (saved.saveError) setNote(saved.saveError);
  };

  const importFile = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    const { importSandboxFile } = await import('../verify/run-in-browser');
    const outcome = await importSandboxFile(await file.text());
    setFailure('error' in outcome ? { message: outcome.error } : undefined);
    setNote('ok' in outcome ? `Loaded ${file.name} as this browser's sandbox.` : undefined);
  };

  const passed = run ? passedCount(run.checks) : 0;

  return (
    <div class="verify-panel">
      <fieldset class="verify-mode" disabled={!ready}>
        <legend>Check</legend>
        <label>
          <input
            type="radio"
            name={`${id}-mode`}
            value="offline"
            checked={mode === 'offline'}
            onChange={() => setMode('offline')}
          />{' '}
          the sandbox account (offline)
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-mode`}
            value="live"
            checked={mode === 'live'}
            onChange={() => setMode('live')}
          />{' '}
          my AWS account (live, with <code>npm start</code>)
        </label>
      </fieldset>
      <div class="verify-fields">
        <label>
          Region{' '}
          <input
            type="text"
            value={region}
            onInput={(e) => setRegion((e.currentTarget as HTMLInputElement).value.trim())}
            spellcheck={false}
            size={12}
          />
        </label>
        {(fields[exercise] ?? []).map((field) => (
          <label key={field.name} class={field.multiline ? 'verify-wide' : undefined}>
            {field.label}
            {field.multiline ? (
              <textarea
                rows={4}
                value={params[field.name] ?? ''}
                onInput={(e) => setParams({ ...params, [field.name]: (e.currentTarget as HTMLTextAreaElement).value })}
                spellcheck={false}
              />
            ) : (
              <input
                type="text"
                value={params[field.name] ?? ''}
                placeholder={field.placeholder}
                onInput={(e) =>
                  setParams({ ...params, [field.name]: (e.currentTarget as HTMLInputElement).value.trim() })
                }
                spellcheck={false}
              />
            )}
            <small>{field.hint}</small>
          </label>
        ))}
      </div>
      <div class="verify-actions">
        <button
          type="button"
          class="verify-button"
          onClick={verify}
          disabled={running || !ready}
          aria-describedby={`${id}-status`}
        >
          {running ? 'Checking…' : 'Verify'}
        </button>
        {mode === 'offline' && (
          <label class="verify-import">
            Load a sandbox file <input type="file" accept=".json,application/json" onChange={importFile} />
          </label>
        )}
      </div>
      <div id={`${id}-status`} role="status" aria-live="polite" class="verify-status">
        {note && <p class="verify-note">{note}</p>}
        {failure && (
          <div class="verify-failure">
            <h3 tabIndex={-1} ref={resultHeading}>
              Could not check
            </h3>
            <p>{failure.message}</p>
            {failure.hint && <p class="verify-hint">{failure.hint}</p>}
          </div>
        )}
        {run && (
          <div class={`verify-result verify-${run.status}`}>
            <h3 tabIndex={-1} ref={resultHeading}>
              {runStatuses[run.status].heading}: {passed} of {run.checks.length} checks
              <span class="verify-where">
                {' '}
                ({run.mode === 'offline' ? 'sandbox' : 'your account'}, {run.region}
                {run.account ? `, account ${run.account}` : ''})
              </span>
            </h3>
            <ul class="verify-results">
              {run.checks.map((check) => (
                <li key={check.id} class={`verify-check verify-check-${check.status}`}>
                  <span class="verify-mark" aria-hidden="true">
                    {checkStatuses[check.status].mark}
                  </span>
                  <span class="visually-hidden">{checkStatuses[check.status].words}: </span>
                  <strong>{check.title}</strong>: {check.message}
                  {check.hint && check.status !== 'pass' && <pre class="verify-hint">{check.hint}</pre>}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </div>
  );
}
