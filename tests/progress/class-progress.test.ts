import { describe, expect, it } from 'vitest';
import { classLearners, classMatrix, type ReadRecord, readProgressSource } from '../../src/progress/class-progress';
import { summarizeProgress } from '../../src/progress/progress-summary';
import { emptyProgress, recordLessonVisit, recordQuizAnswers, recordVerifyAttempt } from '../../src/progress/record';
import type { Progress, VerifyAttempt } from '../../src/progress/schema';

const attempt = (exercise: VerifyAttempt['exercise'], at: string, status: VerifyAttempt['status']): VerifyAttempt => ({
  exercise,
  at,
  mode: 'offline',
  status,
  checks: [{ id: 'one', status: status === 'passed' ? 'pass' : 'fail', message: 'checked' }],
});

/** A learner who failed then passed exercise 3, and finished one quiz with 3 of 4 right. */
function learner(id: string): Progress {
  let progress = emptyProgress(id, new Date('2026-11-24T09:00:00Z'));
  progress = recordLessonVisit(progress, 'week-1/cidr', new Date('2026-11-24T09:00:00Z'));
  progress = recordQuizAnswers(
    progress,
    'week-1/cidr',
    { 0: 0, 1: 1, 2: 2, 3: 0 },
    [0, 1, 2, 3],
    new Date('2026-11-24T09:10:00Z'),
  );
  progress = recordVerifyAttempt(progress, attempt('exercise-3', '2026-11-24T10:00:00.000Z', 'failed'));
  return recordVerifyAttempt(progress, attempt('exercise-3', '2026-11-24T10:30:00.000Z', 'passed'));
}

const file = (name: string, progress: unknown) => ({ name, text: JSON.stringify(progress) });

/** The learners of files read as the report reads them: each record summarised, then merged. */
const classOf = (...files: ReadRecord[]) =>
  classLearners(files.map(({ name, progress }) => ({ name, progress: summarizeProgress(progress) })));

describe('reading a class’s progress files', () => {
  it('reads a progress file as the learner’s record', () => {
    const read = readProgressSource(file('a.json', learner('learner-0001')));
    expect(read).toEqual({ name: 'a.json', progress: learner('learner-0001') });
  });

  it('skips bad, cut-off, foreign, newer and malformed files, each with its reason', () => {
    const whole = JSON.stringify(learner('learner-0001'));
    const reasons = [
      { name: 'notes.txt', text: 'hello' },
      { name: 'cut.json', text: whole.slice(0, whole.length / 2) },
      file('other.json', { format: 'something-else', version: 1 }),
      file('newer.json', { ...learner('learner-0001'), version: 2 }),
      file('broken.json', { ...learner('learner-0001'), attempts: [{ exercise: 'exercise-99' }] }),
    ].map((source) => {
      const read = readProgressSource(source);
      return 'skipped' in read ? `${read.name}: ${read.skipped}` : `${read.name}: read`;
    });
    expect(reasons).toEqual([
      'notes.txt: it is not JSON',
      'cut.json: it is cut off: the JSON ends early',
      'other.json: it is not a course progress file (no "format": "awscourse-progress")',
      'newer.json: it was written by a newer course (version 2; this one reads version 1)',
      expect.stringMatching(/^broken\.json: it is not a valid progress record at attempts\.0\.exercise: /),
    ]);
  });
});

describe('a class’s learners', () => {
  it('merges two files of one learner: each attempt once, every lesson, the name from either', () => {
    const first = learner('learner-0001');
    const later = recordVerifyAttempt(
      { ...first, learner: { id: 'learner-0001', name: 'Student 7' } },
      attempt('exercise-4', '2026-11-25T08:00:00.000Z', 'failed'),
    );
    const [merged, ...others] = classOf(
      { name: 'monday.json', progress: first },
      { name: 'tuesday.json', progress: later },
    );
    expect(others).toEqual([]);
    expect(merged).toMatchObject({ id: 'learner-0001', name: 'Student 7', files: ['monday.json', 'tuesday.json'] });
    expect(merged!.progress.attempts.map((a) => `${a.exercise} ${a.at}`)).toEqual([
      'exercise-3 2026-11-24T10:00:00.000Z',
      'exercise-3 2026-11-24T10:30:00.000Z',
      'exercise-4 2026-11-25T08:00:00.000Z',
    ]);
  });

  it('matches files by the roster id in any case, and a file from before the roster id by its record id', () => {
    const browser = { ...learner('learner-browser'), learner: { id: 'learner-browser', rosterId: 'Ana@Example.edu' } };
    const laptop = recordVerifyAttempt(
      { ...learner('learner-laptop'), learner: { id: 'learner-laptop', rosterId: 'ana@example.edu ' } },
      attempt('exercise-4', '2026-11-25T08:00:00.000Z', 'passed'),
    );
    const beforeRosterId = recordVerifyAttempt(
      learner('learner-browser'),
      attempt('exercise-5', '2026-11-20T08:00:00.000Z', 'failed'),
    );
    const other = { ...learner('learner-other'), learner: { id: 'learner-other', rosterId: 's1234567' } };
    const learners = classOf(
      { name: 'browser.json', progress: browser },
      { name: 'other.json', progress: other },
      { name: 'laptop.json', progress: laptop },
      { name: 'old.json', progress: beforeRosterId },
    );
    expect(learners.map(({ id, files }) => ({ id, files }))).toEqual([
      { id: 'ana@example.edu ', files: ['browser.json', 'laptop.json', 'old.json'] },
      { id: 's1234567', files: ['other.json'] },
    ]);
    expect(learners[0]!.progress.attempts.map((a) => a.exercise)).toEqual([
      'exercise-5',
      'exercise-3',
      'exercise-3',
      'exercise-4',
    ]);
  });

  it('counts an attempt written with another offset as the same attempt', () => {
    const first = learner('learner-0001');
    const shifted = {
      ...first,
      attempts: first.attempts.map((a) => ({ ...a, at: a.at.replace('T10:', 'T12:').replace('.000Z', '.000+02:00') })),
    };
    const [merged] = classOf({ name: 'a.json', progress: first }, { name: 'b.json', progress: shifted });
    expect(merged!.progress.attempts).toHaveLength(2);
  });

  it('makes the matrix: passed, failed or not attempted per exercise, with counts, last attempt and quiz average', () => {
    const failing = recordVerifyAttempt(
      emptyProgress('learner-0002', new Date('2026-11-24T09:00:00Z')),
      attempt('exercise-5', '2026-11-24T11:00:00.000Z', 'failed'),
    );
    const rows = classMatrix(
      classOf({ name: 'a.json', progress: learner('learner-0001') }, { name: 'b.json', progress: failing }),
    );
    expect(
      rows.map((row) => [row.learner.id, row.exercises['exercise-3'], row.exercises['exercise-5'], row.quizAverage]),
    ).toEqual([
      [
        'learner-0001',
        { status: 'passed', attempts: 2, lastAttempt: '2026-11-24T10:30:00.000Z' },
        { status: 'none', attempts: 0 },
        0.75,
      ],
      [
        'learner-0002',
        { status: 'none', attempts: 0 },
        { status: 'failed', attempts: 1, lastAttempt: '2026-11-24T11:00:00.000Z' },
        undefined,
      ],
    ]);
  });
});
