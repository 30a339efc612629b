import { z } from 'zod';

/** A path of plain names joined by `/`: no leading `/`, no `.` or `..` parts, no backslashes. */
const plainRelativePath = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[^/\\][^\\]*$/;

/** A file the lab terminal of a lesson starts with, copied from the repository into the build. */
export const terminalFileSchema = z
  .object({
    /** Where the learner finds it, relative to their home directory: `vpc.yaml`, `photos/coffee.jpg`. */
    path: z.string().regex(plainRelativePath, 'give a path inside the home directory, like vpc.yaml or photos/cat.jpg'),
    /**
     * The repository file it copies, under `examples/` or `public/`: `examples/exercise-3/vpc.yaml`,
     * `public/sample-photos/coffee.jpg`.
     */
    source: z
      .string()
      .regex(/^(?:examples|public)\//, 'the source must be a file under examples/ or public/')
      .regex(plainRelativePath, 'the source must be a plain path, without . or .. parts'),
  })
  .strict();

/** A file a lesson's terminal starts with. */
export type TerminalFile = z.infer<typeof terminalFileSchema>;
