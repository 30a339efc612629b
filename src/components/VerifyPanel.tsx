import { useEffect, useRef, useState } from 'preact/hooks';
import type { ParamField } from '../../checkers/params';
import type { CheckerRun } from '../../checkers/run';
import { errorMessage } from '../lib/error-message';
import { offerDownload } from '../lib/offer-download';
import type { ExerciseId } from '../lessons/schema';
import { browserStorage, readProgress, updateProgress } from '../progress/browser-store';
import { isProgressProblem, lastAttempt, recordVerifyAttempt } from '../progress/record';
import { verifyAttemptOf } from '../verify/attempt';
import type { LiveVerifyRequest } from '../verify/request';
import type { VerifyFailure } from '../verify/run-live';
import { type VerifyChoices, VerifyFields } from './VerifyFields';
import { type ShownResult, VerifyFailureView, VerifyResult } from './VerifyResult';
import './VerifyPanel.css';

/** Props of the Verify panel under an exercise. */
export interface VerifyPanelProps {
  /** The exercise this panel checks. */
  exercise: ExerciseId;
  /** The checker's parameters as form fields, computed at build time from its schema. */
  fields: ParamField[];
}

/** What the panel shows under the button: a result (new or saved), or why there is none. */
type Shown = { result: ShownResult } | { failure: VerifyFailure };

/** Runs the check where the learner chose: in the page against the browser's sandbox, or through the course server. */
async function runVerify(
  mode: VerifyChoices['mode'],
  request: LiveVerifyRequest,
): Promise<{ run: CheckerRun; note?: string } | { failure: VerifyFailure }> {
  if (mode === 'offline') return (await import('../verify/run-in-browser')).verifyOffline(request);
  return (await import('../verify/run-live')).verifyLive(request);
}

/** Keeps a run in the learner's progress; says why when the browser will not store it. */
function saveAttempt(run: CheckerRun): string | undefined {
  const storage = browserStorage();
  return storage ? updateProgress(storage, (p) => recordVerifyAttempt(p, verifyAttemptOf(run))).saveError : undefined;
}

/**
 * The Verify button: checks the exercise read-only in the sandbox kept in this browser (offline, the default) or,
 * when the course runs on the learner's machine, in their own AWS account (live). Results are announced to screen
 * readers and saved in the learner's progress; the last one is shown again after a reload.
 */
export default function VerifyPanel({ exercise, fields }: VerifyPanelProps) {
  const [choices, setChoices] = useState<VerifyChoices>({ mode: 'offline', region: 'us-west-2', params: {} });
  const [running, setRunning] = useState(false);
  const [shown, setShown] = useState<Shown>();
  const [note, setNote] = useState<string>();
  const resultHeading = useRef<HTMLHeadingElement>(null);
  // The server-rendered panel is inert until hydrated, so nothing a learner does before then is silently lost.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    setReady(true);
    const storage = browserStorage();
    const stored = storage && readProgress(storage);
    const saved = stored && !isProgressProblem(stored) ? lastAttempt(stored, exercise) : undefined;
    if (saved) setShown({ result: saved });
  }, [exercise]);
  const id = `verify-panel-${exercise}`;

  const verify = async () => {
    setRunning(true);
    setShown(undefined);
    setNote(undefined);
    try {
      const outcome = await runVerify(choices.mode, { exercise, params: choices.params, region: choices.region });
      if ('failure' in outcome) setShown({ failure: outcome.failure });
      else {
        setShown({ result: outcome.run });
        const saveError = saveAttempt(outcome.run);
        setNote(saveError ?? outcome.note);
      }
    } catch (error) {
      setShown({ failure: { message: errorMessage(error, 'The check could not run.') } });
    } finally {
      setRunning(false);
      requestAnimationFrame(() => resultHeading.current?.focus());
    }
  };

  const importFile = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    const { importSandboxFile } = await import('../verify/run-in-browser');
    const outcome = await importSandboxFile(await file.text());
    if ('error' in outcome) setShown({ failure: { message: outcome.error } });
    setNote('ok' in outcome ? `Loaded ${file.name} as this browser's sandbox.` : undefined);
  };

  const downloadFile = async () => {
    const { exportSandboxFile } = await import('../verify/run-in-browser');
    const file = await exportSandboxFile();
    if (file) offerDownload(file);
    setNote(file ? `Saved this browser's sandbox as ${file.name}.` : 'This browser has no sandbox yet.');
  };

  const resetSandboxAsked = async () => {
    const sure = window.confirm(
      "Start this browser's sandbox afresh? Everything you made in it goes (VPCs, instances, users, keys, buckets). " +
        'The current one is downloaded first, so you can load it again.',
    );
    if (!sure) return;
    const { resetSandbox } = await import('../verify/run-in-browser');
    const backup = await resetSandbox();
    if (backup) offerDownload(backup);
    setShown(undefined);
    setNote(
      backup
        ? `The sandbox starts afresh. The old one was saved as ${backup.name}; "Load a sandbox file" brings it back.`
        : 'The sandbox starts afresh.',
    );
  };

  return (
    <div class="verify-panel">
      <VerifyFields id={id} fields={fields} choices={choices} onChange={setChoices} ready={ready} />
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
        {choices.mode === 'offline' && (
          <label class="verify-import">
            Load a sandbox file <input type="file" accept=".json,application/json" onChange={importFile} />
          </label>
        )}
        {choices.mode === 'offline' && (
          <button type="button" class="verify-secondary" onClick={downloadFile} disabled={!ready}>
            Download sandbox file
          </button>
        )}
        {choices.mode === 'offline' && (
          <button type="button" class="verify-secondary" onClick={resetSandboxAsked} disabled={!ready}>
            Reset sandbox…
          </button>
        )}
      </div>
      <div id={`${id}-status`} role="status" aria-live="polite" class="verify-status">
        {note && <p class="verify-note">{note}</p>}
        {shown && 'failure' in shown && <VerifyFailureView failure={shown.failure} headingRef={resultHeading} />}
        {shown && 'result' in shown && <VerifyResult result={shown.result} headingRef={resultHeading} />}
      </div>
    </div>
  );
}
