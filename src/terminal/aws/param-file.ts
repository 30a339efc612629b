import type { CliError } from './cli-error';
import { paramError } from './cli-error';
import { type AwsFiles, expandHome } from './files';

/** The prefixes that make a parameter value the content of a file: text for `file://`, bytes for `fileb://`. */
const prefixes = { 'file://': 'text', 'fileb://': 'bytes' } as const;

/**
 * A parameter value with `file://PATH` replaced by the file's text and `fileb://PATH` by its bytes, as the CLI
 * loads "paramfiles"; any other value as it is.
 */
export async function loadParamFile(
  value: string,
  argument: string,
  files: AwsFiles,
  env: Record<string, string | undefined>,
): Promise<string | Uint8Array | CliError> {
  for (const [prefix, kind] of Object.entries(prefixes)) {
    if (!value.startsWith(prefix)) continue;
    const path = expandHome(value.slice(prefix.length), env);
    const content = kind === 'text' ? await files.readText(path) : await files.readBytes(path);
    if (content === undefined)
      return paramError(
        `Error parsing parameter '--${argument}': Unable to load paramfile ${value}: ` +
          `[Errno 2] No such file or directory: '${path}'`,
      );
    return content;
  }
  return value;
}
