import type { CheckerRun } from '../../checkers/run';

/** The outcome of the check with this id in a run. */
export const check = (run: CheckerRun, id: string) => run.checks.find((c) => c.id === id)!;

/** Every check's status in a run, by id. */
export const statusOf = (run: CheckerRun) => Object.fromEntries(run.checks.map((c) => [c.id, c.status]));
