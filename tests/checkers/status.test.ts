import { describe, expect, it } from 'vitest';
import { checkStatusIds, passedCount, runStatusIds, runStatusOf } from '../../checkers/status';
import { checkOutcomeSchema, verifyAttemptSchema } from '../../src/progress/schema';

describe('check statuses', () => {
  it('are the progress schema’s check and run enums', () => {
    expect(checkOutcomeSchema.shape.status.options).toEqual(checkStatusIds);
    expect(verifyAttemptSchema.shape.status.options).toEqual(runStatusIds);
  });

  it('count warnings as passed', () => {
    expect(passedCount([{ status: 'pass' }, { status: 'warn' }, { status: 'fail' }, { status: 'skip' }])).toBe(2);
  });

  it('make a run an error when any check is an error, even beside a failure', () => {
    expect(runStatusOf([{ status: 'fail' }, { status: 'error' }])).toBe('error');
  });

  it('make a run failed when a check failed and none broke', () => {
    expect(runStatusOf([{ status: 'pass' }, { status: 'fail' }, { status: 'skip' }])).toBe('failed');
  });

  it('make a run passed when every check passed or warned', () => {
    expect(runStatusOf([{ status: 'pass' }, { status: 'warn' }])).toBe('passed');
  });
});
