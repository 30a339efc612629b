import { describe, expect, it } from 'vitest';
import { learnerIdentityProblems, recordLearnerIdentity } from '../../src/progress/learner-identity';
import { emptyProgress } from '../../src/progress/record';
import { progressSchema } from '../../src/progress/schema';

const t0 = new Date('2026-11-24T10:00:00.000Z');
const t1 = new Date('2026-11-24T11:00:00.000Z');
const fresh = emptyProgress('learner-0001', t0);

describe("the learner's name and roster id", () => {
  const identity = { name: '  Learner Seven ', rosterId: ' s1234567@example.edu\t' };

  it('keeps both trimmed, with the learner id and the time of the change', () => {
    const record = recordLearnerIdentity(fresh, identity, t1);
    expect(record.learner).toEqual({ id: 'learner-0001', name: 'Learner Seven', rosterId: 's1234567@example.edu' });
    expect(record.updatedAt).toBe(t1.toISOString());
    expect(progressSchema.safeParse(record).success).toBe(true);
  });

  it('does not change the record it is given', () => {
    recordLearnerIdentity(fresh, identity, t1);
    expect(fresh.learner).toEqual({ id: 'learner-0001' });
  });

  it('replaces a name and roster id given before', () => {
    const first = recordLearnerIdentity(fresh, identity, t0);
    const second = recordLearnerIdentity(first, { name: 'Learner Eight', rosterId: '20261204' }, t1);
    expect(second.learner).toEqual({ id: 'learner-0001', name: 'Learner Eight', rosterId: '20261204' });
  });

  it('asks for a roster id that is empty or only spaces, and leaves the record as it was', () => {
    const blank = { name: 'Learner Seven', rosterId: '   ' };
    expect(learnerIdentityProblems(blank)).toEqual([
      { field: 'rosterId', message: 'Enter the e-mail address or student number your instructor knows you by.' },
    ]);
    expect(recordLearnerIdentity(fresh, blank, t1)).toBe(fresh);
  });

  it('asks for a name that is empty', () => {
    expect(learnerIdentityProblems({ name: ' ', rosterId: '20261204' })).toEqual([
      { field: 'name', message: 'Enter your name as your instructor should see it.' },
    ]);
  });

  it('reports every field at fault, each with its length when it is too long', () => {
    expect(learnerIdentityProblems({ name: 'n'.repeat(201), rosterId: 'r'.repeat(250) })).toEqual([
      { field: 'name', message: 'Shorten your name to 200 characters or fewer (it has 201).' },
      { field: 'rosterId', message: 'Shorten the id to 200 characters or fewer (it has 250).' },
    ]);
  });

  it.each([
    ['empty', ''],
    ['spaces only', '   '],
    ['one character', '7'],
    ['200 characters', 'r'.repeat(200)],
    ['200 characters between spaces', ` ${'r'.repeat(200)} `],
    ['201 characters', 'r'.repeat(201)],
  ])('accepts a roster id (%s) exactly when the progress schema does', (_, rosterId) => {
    const accepted = learnerIdentityProblems({ name: 'Learner Seven', rosterId }).length === 0;
    const schemaAccepts = progressSchema.safeParse({ ...fresh, learner: { ...fresh.learner, rosterId } }).success;
    expect(accepted).toBe(schemaAccepts);
  });

  it.each([200, 201])('accepts a name of %i characters exactly when the progress schema does', (length) => {
    const name = 'n'.repeat(length);
    const accepted = learnerIdentityProblems({ name, rosterId: '20261204' }).length === 0;
    const schemaAccepts = progressSchema.safeParse({ ...fresh, learner: { ...fresh.learner, name } }).success;
    expect(accepted).toBe(schemaAccepts);
  });
});
