import { describe, expect, it } from 'vitest';
import { progressFileName } from '../../src/progress/progress-file-name';

// Local times: the file carries the learner's own calendar day.
const evening = new Date(2026, 11, 4, 23, 30);

describe('progressFileName', () => {
  it("names the file after the learner's name and the day", () => {
    const name = progressFileName({ id: 'learner-0001', name: 'Élève Numéro 7', rosterId: '20261204' }, evening);
    expect(name).toBe('awscourse-progress-eleve-numero-7-2026-12-04.json');
  });

  it('uses the roster id when no name was given', () => {
    const name = progressFileName({ id: 'learner-0001', rosterId: 'S1234567@Example.edu' }, evening);
    expect(name).toBe('awscourse-progress-s1234567-example-edu-2026-12-04.json');
  });

  it('says "learner" when neither gives a letter or a digit', () => {
    expect(progressFileName({ id: 'learner-0001', name: '...' }, new Date(2027, 0, 9, 8))).toBe(
      'awscourse-progress-learner-2027-01-09.json',
    );
  });
});
