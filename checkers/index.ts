import type { Checker } from './contract';
import exercise3 from './exercise-3';
import exercise4 from './exercise-4';
import exercise5 from './exercise-5';
import exercise6 from './exercise-6';
import keyCleanup from './key-cleanup';

/** Every checker, by exercise id. */
export const checkers: Record<string, Checker<never, unknown>> = {
  'exercise-3': exercise3 as unknown as Checker<never, unknown>,
  'exercise-4': exercise4 as unknown as Checker<never, unknown>,
  'exercise-5': exercise5 as unknown as Checker<never, unknown>,
  'exercise-6': exercise6 as unknown as Checker<never, unknown>,
  'key-cleanup': keyCleanup as unknown as Checker<never, unknown>,
};
