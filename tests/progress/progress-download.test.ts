import { describe, expect, it } from 'vitest';
import { recordLearnerIdentity } from '../../src/progress/learner-identity';
import { progressDownload } from '../../src/progress/progress-download';
import { emptyProgress, recordLessonVisit, recordVerifyAttempt } from '../../src/progress/record';
import { type Progress, progressSchema, type VerifyAttempt } from '../../src/progress/schema';

const t0 = new Date('2026-12-04T10:00:00.000Z');
const accessKeyId = 'AKIAIOSFODNN7EXAMPLE';
const secretAccessKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** An attempt whose checker slipped: the key pair in full, in a message, a hint and the evidence. */
const leakyAttempt: VerifyAttempt = {
  exercise: 'key-cleanup',
  at: t0.toISOString(),
  mode: 'live',
  status: 'failed',
  checks: [
    {
      id: 'old-key-deleted',
      status: 'fail',
      message: `Access key ${accessKeyId} (secret ${secretAccessKey}) is still active.`,
      hint: `Run aws iam delete-access-key --access-key-id ${accessKeyId}.`,
      evidence: { accessKeyId, credentials: { secretAccessKey }, keys: [accessKeyId] },
    },
  ],
};

const identified = recordLearnerIdentity(
  recordLessonVisit(emptyProgress('learner-0001', t0), 'week-2/key-cleanup', t0),
  { name: 'Learner Seven', rosterId: '20261204' },
  t0,
);

/** The file's text, failing the test when there is none. */
function fileText(progress: Progress): string {
  const made = progressDownload(progress, new Date(2026, 11, 4, 12));
  if (!('file' in made)) throw new Error(`expected a file, got: ${made.problem}`);
  return made.file.text;
}

describe('progressDownload', () => {
  it('gives a file named after the learner and the day that the progress schema reads back in full', () => {
    const made = progressDownload(identified, new Date(2026, 11, 4, 12));
    expect(made).toHaveProperty('file.name', 'awscourse-progress-learner-seven-2026-12-04.json');
    const parsed = progressSchema.parse(JSON.parse(fileText(identified)));
    expect(parsed.learner.rosterId).toBe('20261204');
    expect(parsed.lessons['week-2/key-cleanup']?.firstVisitedAt).toBe(t0.toISOString());
  });

  it('never carries an access key id or a secret access key, even when a checker reported them', () => {
    const text = fileText(recordVerifyAttempt(identified, leakyAttempt));
    expect(text).not.toContain(accessKeyId);
    expect(text).not.toContain(secretAccessKey);
    expect(text).not.toContain('K7MDENG');
    const check = progressSchema.parse(JSON.parse(text)).attempts[0]!.checks[0]!;
    expect(check.message).toBe('Access key AKIA…MPLE (secret [secret removed]) is still active.');
    expect(check.evidence).toEqual({
      accessKeyId: 'AKIA…MPLE',
      credentials: { secretAccessKey: '[secret removed]' },
      keys: ['AKIA…MPLE'],
    });
  });

  it('keeps fields this version does not know, as every progress file does', () => {
    const withExtra = { ...identified, cohort: 'autumn' } as Progress;
    expect(JSON.parse(fileText(withExtra))).toHaveProperty('cohort', 'autumn');
  });

  it('offers no file for a record the schema refuses, naming every field at fault', () => {
    const damaged = { ...identified, updatedAt: 'yesterday', lessons: { 'week-1/cidr': { firstVisitedAt: 3 } } };
    const made = progressDownload(damaged as unknown as Progress, t0);
    expect(made).not.toHaveProperty('file');
    expect(made).toHaveProperty('problem', expect.stringContaining('updatedAt: expected an ISO 8601 time'));
    expect(made).toHaveProperty('problem', expect.stringContaining('lessons.week-1/cidr.firstVisitedAt'));
    expect(made).toHaveProperty('hint', expect.stringContaining('Nothing was downloaded'));
  });
});
