import { argumentTable } from './argument-table';
import { flagOptions, outputFormats, valueOptions } from './global-options';
import { s3Commands } from './s3/s3-command';
import { loadServiceModel } from './service-model';
import { awsServices } from './services';
import { waitersOf } from './waiters';

/** The commands `aws` has besides the services, with their subcommands. */
const otherCommands: Record<string, string[]> = {
  configure: ['get', 'list', 'set'],
  help: [],
  s3: Object.keys(s3Commands),
};

const globalOptions = [...Object.keys(valueOptions), ...Object.keys(flagOptions)].map((name) => `--${name}`);

function matching(candidates: Iterable<string>, partial: string): string[] {
  return [...new Set(candidates)].filter((candidate) => candidate.startsWith(partial)).sort();
}

/** The names a service's second word can be: its operations, `wait` when it has waiters, and `help`. */
async function secondWords(service: string): Promise<string[]> {
  if (Object.hasOwn(otherCommands, service)) return otherCommands[service]!;
  const model = await loadServiceModel(service);
  if (!model) return [];
  return [...model.operations.keys(), ...(waitersOf(model).size > 0 ? ['wait'] : []), 'help'];
}

/** The `--parameters` of the operation (or of the operation a waiter polls) the words name. */
async function parameterNames(words: string[]): Promise<string[]> {
  const [service, operationName] = words;
  const model = service === undefined ? undefined : await loadServiceModel(service);
  const operation = operationName === undefined ? undefined : model?.operations.get(operationName);
  if (!model || !operation) return [];
  return [...argumentTable(model.cliName, operation).values()]
    .filter((argument) => !argument.hidden && !argument.positional)
    .map((argument) => `--${argument.name}`);
}

/**
 * Completions for Tab in the terminal: given the words after `aws` (the last one being typed, possibly empty), the
 * services, operations, waiters, `--parameters`, global options or `--output` formats it could become.
 *
 * @example
 * await completeAws(['ec2', 'describe-vp']); // ['describe-vpc-attribute', 'describe-vpc-block-public-access-…', …]
 * await completeAws(['ec2', 'describe-vpcs', '--fi']); // ['--filters']
 */
export async function completeAws(words: readonly string[]): Promise<string[]> {
  const partial = words.at(-1) ?? '';
  const before = words.slice(0, -1);
  if (before.at(-1) === '--output') return matching(outputFormats, partial);
  const positional = before.filter((word, i) => !word.startsWith('--') && !before[i - 1]?.startsWith('--'));
  if (partial.startsWith('--')) return matching([...(await parameterNames(positional)), ...globalOptions], partial);
  if (positional.length === 0) return matching([...Object.keys(awsServices), ...Object.keys(otherCommands)], partial);
  if (positional.length === 1) return matching(await secondWords(positional[0]!), partial);
  if (positional.length === 2 && positional[1] === 'wait') {
    const model = await loadServiceModel(positional[0]!);
    return model ? matching(waitersOf(model).keys(), partial) : [];
  }
  return [];
}
