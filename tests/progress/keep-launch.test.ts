import { describe, expect, it } from 'vitest';
import { keepLaunch } from '../../src/progress/keep-launch';
import { emptyProgress, recordQuizAnswers, recordVerifyAttempt } from '../../src/progress/record';
import type { Progress, VerifyAttempt } from '../../src/progress/schema';
import type { StatementLaunch } from '../../src/progress/statement-launch-schema';

const now = new Date('2026-12-04T12:00:00.000Z');
const portal: StatementLaunch = {
  kind: 'xapi',
  actor: { objectType: 'Agent', mbox: 'mailto:learner@example.edu' },
  registration: 'a3d1c2b4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
};
const otherPortal: StatementLaunch = { kind: 'xapi', actor: { objectType: 'Agent', mbox: 'mailto:other@example.edu' } };

function attemptAt(at: string): VerifyAttempt {
  return { exercise: 'exercise-3', at, mode: 'offline', status: 'failed', checks: [] };
}

/** Two attempts, a finished quiz and an unfinished one. */
function learner(): Progress {
  let progress = emptyProgress('learner-0001', new Date('2026-12-01T00:00:00.000Z'));
  progress = recordVerifyAttempt(progress, attemptAt('2026-12-02T10:00:00.000Z'));
  progress = recordVerifyAttempt(progress, attemptAt('2026-12-04T10:00:00.000Z'));
  progress = recordQuizAnswers(progress, 'week-1/cidr', { 0: 1 }, [1], new Date('2026-12-02T11:00:00.000Z'));
  return recordQuizAnswers(progress, 'week-1/vpc', { 0: 1 }, [1, 0], new Date('2026-12-02T12:00:00.000Z'));
}

describe('keeping a launch on what it sends', () => {
  it('keeps it on every attempt and finished quiz, not on an unfinished quiz', () => {
    const kept = keepLaunch(learner(), portal, now);
    expect(kept.attempts.map((attempt) => attempt.launch)).toEqual([portal, portal]);
    expect(kept.quizzes['week-1/cidr']?.launch).toEqual(portal);
    expect(kept.quizzes['week-1/vpc']?.launch).toBeUndefined();
    expect(kept.updatedAt).toBe(now.toISOString());
  });

  it('keeps it only on what was made since the session began, when given', () => {
    const kept = keepLaunch(learner(), portal, now, '2026-12-03T00:00:00.000Z');
    expect(kept.attempts.map((attempt) => attempt.launch)).toEqual([undefined, portal]);
    expect(kept.quizzes['week-1/cidr']?.launch).toBeUndefined();
  });

  it('leaves what an earlier launch sent as it was', () => {
    const first = keepLaunch(learner(), portal, now, '2026-12-03T00:00:00.000Z');
    const second = keepLaunch(first, otherPortal, now);
    expect(second.attempts.map((attempt) => attempt.launch)).toEqual([otherPortal, portal]);
  });

  it('gives the record itself when there is nothing new to keep it on, so nothing is saved', () => {
    const kept = keepLaunch(learner(), portal, now);
    expect(keepLaunch(kept, otherPortal, now)).toBe(kept);
  });

  it('stays on a finished quiz answered again', () => {
    const kept = keepLaunch(learner(), portal, now);
    const again = recordQuizAnswers(kept, 'week-1/cidr', { 0: 0 }, [1], new Date('2026-12-05T00:00:00.000Z'));
    expect(again.quizzes['week-1/cidr']).toMatchObject({ correct: 0, launch: portal });
  });
});
