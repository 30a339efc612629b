import { z } from 'zod';
import { terminalFileSchema } from './terminal-file-schema';

/**
 * A lesson's lab terminal. Its files are added to the learner's home when the terminal opens, unless a file of that
 * name is already there: the terminal is shared by every lesson, and the learner's edits are theirs to keep.
 *
 * @example
 * terminal:
 *   files:
 *     - { path: vpc.yaml, source: examples/exercise-3/vpc.yaml }
 */
export const terminalSchema = z
  .object({
    /** The files the lesson's commands use; none by default. */
    files: z.array(terminalFileSchema).default([]),
  })
  .strict();

/** A lesson's validated terminal declaration. */
export type TerminalDeclaration = z.infer<typeof terminalSchema>;
