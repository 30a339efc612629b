import { argumentTable } from './argument-table';
import type { CliArgument } from './cli-argument';
import type { OperationModel, ServiceModel } from './service-model';
import { awsServices } from './services';
import { waitersOf } from './waiters';

/** The commands `aws` knows besides the services. */
const otherCommands = ['configure', 's3'];

function list(title: string, names: string[]): string {
  return `${title}\n\n${names.map((name) => `       o ${name}\n`).join('')}`;
}

/** `aws help`: the commands this `aws` has. */
export function topHelp(): string {
  return `AWS()\n\nNAME\n       aws -\n\nSYNOPSIS\n          aws [options] <command> <subcommand> [parameters]\n\n${list(
    'AVAILABLE SERVICES',
    [...Object.keys(awsServices), ...otherCommands].sort(),
  )}`;
}

/** `aws <service> help`: the service's operations, and `wait` when it has waiters. */
export function serviceHelp(model: ServiceModel): string {
  const names = [...model.operations.keys(), ...(waitersOf(model).size > 0 ? ['wait'] : [])].sort();
  return `${model.cliName.toUpperCase()}()\n\nNAME\n       ${model.cliName} -\n\n${list('AVAILABLE COMMANDS', names)}`;
}

/** How the synopsis shows one argument: `[--vpc-ids <value>]`, `[--dry-run | --no-dry-run]`, `--group-name <value>`. */
function synopsisEntry(argument: CliArgument, twin: CliArgument | undefined): string {
  const shown =
    argument.arity === 'flag'
      ? `--${argument.name}${twin ? ` | --${twin.name}` : ''}`
      : argument.positional
        ? `<${argument.name}>`
        : `--${argument.name} <value>`;
  return argument.required ? shown : `[${shown}]`;
}

/** `aws <service> <operation> help`: the operation's synopsis, each parameter once, as the CLI's man page opens. */
export function operationHelp(model: ServiceModel, operation: OperationModel): string {
  const table = argumentTable(model.cliName, operation);
  const entries: string[] = [];
  for (const argument of table.values()) {
    if (
      argument.hidden ||
      (argument.arity === 'flag' && argument.flagValue === false && table.has(argument.name.slice(3)))
    )
      continue;
    entries.push(synopsisEntry(argument, argument.arity === 'flag' ? table.get(`no-${argument.name}`) : undefined));
  }
  entries.push('[--cli-input-json <value>]');
  const synopsis = [operation.cliName, ...entries].map(
    (line, i) => `${i === 0 ? '            ' : '          '}${line}\n`,
  );
  return `${operation.cliName.toUpperCase()}()\n\nNAME\n       ${operation.cliName} -\n\nSYNOPSIS\n${synopsis.join('')}`;
}
