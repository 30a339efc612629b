import { argumentTable } from './aws/argument-table';
import { flagOptions, valueOptions } from './aws/global-options';
import { loadServiceModel } from './aws/service-model';
import { awsServices } from './aws/services';

/** The words `aws` takes first besides its services. */
const awsCommands = ['configure', 'help'];

/**
 * What can follow `aws` at a word's place, from the CLI's own model: services, then the service's operations
 * (with `wait` and `help`), then the operation's `--parameters` and the global options. `words` are the words
 * after `aws` before the one being completed.
 */
export async function awsCompletions(words: readonly string[], current: string): Promise<string[]> {
  const positional = words.filter((word) => !word.startsWith('-'));
  if (positional.length === 0 && !current.startsWith('-')) return [...Object.keys(awsServices), ...awsCommands];
  const [service, operationName] = positional;
  const model = service === undefined ? undefined : await loadServiceModel(service);
  if (model && positional.length === 1 && !current.startsWith('-')) return [...model.operations.keys(), 'help', 'wait'];
  if (!current.startsWith('-')) return [];
  const globals = [...Object.keys(valueOptions), ...Object.keys(flagOptions)].map((name) => `--${name}`);
  const operation = operationName === undefined ? undefined : model?.operations.get(operationName);
  if (!model || !operation) return globals;
  const parameters = [...argumentTable(model.cliName, operation).values()]
    .filter((argument) => !argument.hidden && !argument.positional)
    .map((argument) => `--${argument.name}`);
  return [...parameters, ...globals];
}
