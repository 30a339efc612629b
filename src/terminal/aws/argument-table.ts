import type { NormalizedSchema } from '@smithy/core/schema';
import type { ArgumentTable, CliArgument } from './cli-argument';
import { cliName } from './cli-name';
import { customizeArguments } from './customizations';
import type { OperationModel } from './service-model';

/** A member's arity: booleans are flags, lists take several words, the rest one. */
function memberArgument(name: string, schema: NormalizedSchema, required: boolean): CliArgument {
  if (schema.isBooleanSchema()) return { name, arity: 'flag', required, flagValue: true, member: { name: '', schema } };
  return { name, arity: schema.isListSchema() ? 'many' : 'one', required, member: { name: '', schema } };
}

/** The paging arguments the CLI adds to an operation that pages; its own token and size stay, undocumented. */
const pagingArguments: CliArgument[] = [
  { name: 'starting-token', arity: 'one', required: false },
  { name: 'page-size', arity: 'one', required: false },
  { name: 'max-items', arity: 'one', required: false },
];

/**
 * The CLI's arguments for an operation: one per input member under its CLI name, a `--no-` twin for each boolean,
 * the paging arguments, then the CLI's customizations for the operation (renames, `--count`, `--port`, …).
 */
export function argumentTable(service: string, operation: OperationModel): ArgumentTable {
  const { schema, requiredCount } = operation.input();
  const table: ArgumentTable = new Map();
  let index = 0;
  for (const [member, memberSchema] of schema.structIterator()) {
    const required = index++ < requiredCount;
    const name = cliName(member);
    const argument = memberArgument(name, memberSchema, required);
    argument.member = { name: member, schema: memberSchema };
    table.set(name, argument);
    if (argument.arity === 'flag') table.set(`no-${name}`, { ...argument, name: `no-${name}`, flagValue: false });
  }
  if (operation.paginator) for (const argument of pagingArguments) table.set(argument.name, { ...argument });
  customizeArguments(service, operation.cliName, table);
  return table;
}
