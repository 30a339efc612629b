import { useRef, useState } from 'preact/hooks';
import { errorMessage } from '../lib/error-message';
import { offerDownload } from '../lib/offer-download';
import { browserStorage, readProgress, updateProgress } from '../progress/browser-store';
import type { ProgressDownloadProblem } from '../progress/progress-download';
import { type LearnerIdentity, recordLearnerIdentity } from '../progress/learner-identity';
import { isProgressProblem } from '../progress/record';
import type { Progress } from '../progress/schema';
import { LearnerIdentityForm } from './LearnerIdentityForm';
import { useStoredProgress } from './use-stored-progress';
import './DownloadProgress.css';

/** Why the identity form is open: asked before the first download, or opened by the learner to change it. */
type Asking = 'before-download' | 'change';

/** The learner's name and roster id as the record holds them, for the form to start from. */
function identityOf(learner: Progress['learner'] | undefined): LearnerIdentity {
  return { name: learner?.name ?? '', rosterId: learner?.rosterId ?? '' };
}

/**
 * "Download my progress": the learner's record as a file named after them and the day. The first time, it asks for
 * the learner's name and the id their instructor knows them by, and keeps both in the record; after that the button
 * downloads at once, and "Change name or id" opens the same form. What happened is announced in a status line.
 */
export default function DownloadProgress() {
  const stored = useStoredProgress();
  const [asking, setAsking] = useState<Asking>();
  const [note, setNote] = useState<string>();
  const [failure, setFailure] = useState<ProgressDownloadProblem>();
  const downloadButton = useRef<HTMLButtonElement>(null);
  const learner = stored.state === 'ready' ? stored.progress.learner : undefined;

  const download = async (progress: Progress, saveError?: string) => {
    // The schema check loads zod, so it comes with the first download rather than with the page.
    const made = await import('../progress/progress-download').then(
      ({ progressDownload }) => progressDownload(progress, new Date()),
      (error: unknown) => ({
        problem: `The download could not start (${errorMessage(error)}).`,
        hint: 'Check that the course is still being served, then reload this page and try again.',
      }),
    );
    if ('problem' in made) {
      setFailure(made);
      setNote(undefined);
      return;
    }
    setFailure(undefined);
    offerDownload(made.file);
    const kept = saveError ? ` ${saveError} You will be asked for your name and id again.` : '';
    setNote(`Saved as ${made.file.name}. Hand this file to your instructor.${kept}`);
  };

  const closeForm = () => {
    setAsking(undefined);
    requestAnimationFrame(() => downloadButton.current?.focus());
  };

  const start = () => {
    const storage = browserStorage();
    if (!storage) return;
    const progress = readProgress(storage);
    setNote(undefined);
    if (isProgressProblem(progress)) {
      setFailure({
        problem: progress.message,
        hint: 'Nothing was downloaded. Reload this page: the course keeps what is stored aside, in this browser.',
      });
      return;
    }
    if (progress.learner.rosterId === undefined) setAsking('before-download');
    else void download(progress);
  };

  const save = (identity: LearnerIdentity) => {
    const storage = browserStorage();
    if (!storage) return;
    const now = new Date();
    const { progress, saveError } = updateProgress(storage, (p) => recordLearnerIdentity(p, identity, now), now);
    const withIdentity = saveError ? recordLearnerIdentity(progress, identity, now) : progress;
    if (asking === 'before-download') void download(withIdentity, saveError);
    else setNote(saveError ?? 'Your name and id are saved; your next download carries them.');
    closeForm();
  };

  if (stored.state === 'blocked') return <p>With local storage blocked, this browser has no progress to download.</p>;
  return (
    <div class="download-progress">
      <p>
        The file is your progress record as JSON: the lessons you opened, your quiz answers and every Verify attempt
        with its checks. Access key ids in it are shortened to their first and last four characters, and secret access
        keys are left out.
      </p>
      {learner?.rosterId !== undefined && !asking && (
        <p class="identity-summary">
          Your files carry the name <strong>{learner.name ?? '(none given)'}</strong> and the id{' '}
          <strong>{learner.rosterId}</strong>.{' '}
          <button type="button" class="progress-secondary" onClick={() => setAsking('change')}>
            Change name or id
          </button>
        </p>
      )}
      {asking ? (
        <LearnerIdentityForm
          initial={identityOf(learner)}
          submitLabel={asking === 'before-download' ? 'Save and download' : 'Save'}
          onSave={save}
          onCancel={closeForm}
        />
      ) : (
        <button
          type="button"
          class="progress-button"
          ref={downloadButton}
          onClick={start}
          disabled={stored.state !== 'ready'}
        >
          Download my progress
        </button>
      )}
      <div role="status" class="download-status">
        {note && <p>{note}</p>}
      </div>
      {failure && (
        <div role="alert" class="download-failure">
          <p>{failure.problem}</p>
          <p>{failure.hint}</p>
        </div>
      )}
    </div>
  );
}
