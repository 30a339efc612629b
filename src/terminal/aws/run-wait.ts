import { argumentTable } from './argument-table';
import type { AwsContext } from './aws-context';
import { type CliError, exitCodes, invalidChoice, isCliError, usageError } from './cli-error';
import type { GlobalOptions } from './global-options';
import { makeClient } from './make-client';
import { parseArguments } from './parse-arguments';
import { noCredentials, noRegion, resolveConfig } from './resolve-config';
import type { ServiceModel } from './service-model';
import { type WaiterResult, waitersOf, polledOperation } from './waiters';

/** How long `wait` polls before giving up, in seconds (the CLI's longest: CloudFormation's 120 × 30 s). */
const maxWaitSeconds = 3600;

function failure(waiter: string, result: WaiterResult): CliError {
  const reason = result.reason as { name?: string; $metadata?: unknown } | undefined;
  const detail =
    result.state === 'TIMEOUT'
      ? 'Max attempts exceeded'
      : reason?.$metadata && reason.name
        ? `Waiter encountered a terminal failure state: Matched expected service error code: ${reason.name}`
        : 'Waiter encountered a terminal failure state';
  return { message: `Waiter ${waiter} failed: ${detail}`, exitCode: exitCodes.general };
}

/**
 * `aws <service> wait <waiter> …`: polls the operation the SDK's waiter polls, with that operation's arguments,
 * until the waiter succeeds (prints nothing, exit 0) or fails (exit 255).
 */
export async function runWait(
  model: ServiceModel,
  words: readonly string[],
  options: GlobalOptions,
  context: AwsContext,
): Promise<string | CliError> {
  const [name, ...rest] = words;
  const waiters = waitersOf(model);
  const waiter = name === undefined ? undefined : waiters.get(name);
  if (!waiter)
    return name === undefined
      ? usageError('aws: error: the following arguments are required: subcommand')
      : invalidChoice('subcommand', [...waiters.keys()].sort(), name);
  const operation = await polledOperation(waiter, model);
  if (!operation) return { message: `Waiter ${waiter.name} is not available`, exitCode: exitCodes.general };
  const table = argumentTable(model.cliName, operation);
  for (const paging of ['starting-token', 'page-size', 'max-items']) table.delete(paging);
  const parsed = await parseArguments(table, rest, context);
  if (isCliError(parsed)) return parsed;
  const config = await resolveConfig(options, context.env, context.files, context.metadata);
  if (isCliError(config)) return config;
  if (!config.region) return noRegion;
  if (!config.credentials) return noCredentials;
  const client = makeClient(model, config, options, context, operation.name);
  try {
    const result = await waiter.wait({ client, maxWaitTime: maxWaitSeconds }, parsed.input);
    return result.state === 'SUCCESS' ? '' : failure(waiter.name, result);
  } finally {
    client.destroy();
  }
}
