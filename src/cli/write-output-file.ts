import { resolve } from 'node:path';
import { errorMessage } from '../lib/error-message';
import { writeFileDurably } from '../lib/write-file-durably';
import { UsageError } from './io';

/**
 * Writes a file a command was asked for (`--html`, `--csv`, `--svg`) durably, `file` taken from `cwd`; one that
 * cannot be written is a usage error saying what to do.
 *
 * @example await writeOutputFile('account.svg', svg, io.cwd);
 */
export async function writeOutputFile(
  file: string,
  data: Parameters<typeof writeFileDurably>[1],
  cwd: string,
): Promise<void> {
  await writeFileDurably(resolve(cwd, file), data).catch((error: unknown) => {
    throw new UsageError(
      `Could not write ${file}: ${errorMessage(error)}`,
      'Name a file in a folder you can write to.',
    );
  });
}
