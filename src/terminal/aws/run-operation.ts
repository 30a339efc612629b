import type { AwsContext } from './aws-context';
import { argumentTable } from './argument-table';
import { type CliError, isCliError, paramError } from './cli-error';
import { operationCustomization } from './customizations';
import { expandHome } from './files';
import type { GlobalOptions } from './global-options';
import { makeClient } from './make-client';
import { type PagingTokens, paginate, pagingTokens } from './paginate';
import { type ParsedArguments, parseArguments } from './parse-arguments';
import { type CallResult, printResult } from './print-result';
import { queryProblem } from './query';
import { noCredentials, noRegion, resolveConfig } from './resolve-config';
import { serviceError } from './service-error';
import type { OperationModel, SdkClient, ServiceModel } from './service-model';

/** Services the CLI calls without a region (their endpoints are global, or default to us-east-1). */
export const regionless = new Set(['iam', 'sts', 's3api']);

/** The input `--cli-input-json` gives, which the line's own arguments then override. */
async function cliInput(options: GlobalOptions, context: AwsContext): Promise<Record<string, unknown> | CliError> {
  if (options.cliInputJson === undefined) return {};
  let text = options.cliInputJson;
  if (text.startsWith('file://')) {
    const content = await context.files.readText(expandHome(text.slice('file://'.length), context.env));
    if (content === undefined) return paramError(`Unable to load paramfile ${text}: No such file or directory`);
    text = content;
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    return paramError(`Error parsing parameter '--cli-input-json': Invalid JSON: ${(error as Error).message}`);
  }
}

/** Writes a streamed body (`s3api get-object`) to the file named on the line, and drops it from the answer. */
async function saveBody(response: Record<string, unknown>, outfile: string, context: AwsContext): Promise<void> {
  const body = response.Body as { transformToByteArray?: () => Promise<Uint8Array> } | undefined;
  delete response.Body;
  const bytes = body?.transformToByteArray ? await body.transformToByteArray() : new Uint8Array();
  await context.files.write(expandHome(outfile, context.env), bytes);
}

/** Whether the CLI pages this call: not with `--no-paginate`, nor when the line sets the token or size itself. */
function pages(tokens: PagingTokens | undefined, options: GlobalOptions, input: Record<string, unknown>) {
  return (
    tokens !== undefined && !options.noPaginate && !(tokens.input in input) && !(tokens.limit && tokens.limit in input)
  );
}

/** Sends the call, page by page when the CLI would page it, saving a streamed body to the line's output file. */
async function callOperation(
  client: SdkClient,
  model: ServiceModel,
  operation: OperationModel,
  parsed: ParsedArguments,
  options: GlobalOptions,
  context: AwsContext,
): Promise<CallResult> {
  const tokens = await pagingTokens(operation, model.Client);
  if (tokens && pages(tokens, options, parsed.input)) {
    const number = (name: string) => (parsed.extra[name] === undefined ? undefined : Number(parsed.extra[name]));
    const paged = await paginate(client, operation, tokens, parsed.input, {
      pageSize: number('page-size'),
      maxItems: number('max-items'),
      startingToken: parsed.extra['starting-token'] as string | undefined,
    });
    return { paged };
  }
  const response = await client.send(new operation.Command(parsed.input));
  if (typeof parsed.extra.outfile === 'string') await saveBody(response, parsed.extra.outfile, context);
  return { response };
}

/**
 * Runs one service operation as the CLI does: parses its arguments, resolves region and credentials, calls it
 * (page by page when it pages), and prints the answer; returns the exit code or the error to print.
 */
export async function runOperation(
  model: ServiceModel,
  operation: OperationModel,
  words: readonly string[],
  options: GlobalOptions,
  context: AwsContext,
): Promise<string | CliError> {
  const badQuery = options.query === undefined ? undefined : queryProblem(options.query);
  if (badQuery) return badQuery;
  const baseInput = await cliInput(options, context);
  if (isCliError(baseInput)) return baseInput;
  const parsed = await parseArguments(argumentTable(model.cliName, operation), words, { ...context, baseInput });
  if (isCliError(parsed)) return parsed;
  const config = await resolveConfig(options, context.env, context.files);
  if (isCliError(config)) return config;
  if (!config.region && !regionless.has(model.cliName)) return noRegion;
  if (!config.credentials && !options.noSignRequest) return noCredentials;
  const customization = operationCustomization(model.cliName, operation.name);
  customization.customizeInput(parsed.input);
  const region = config.region ?? 'us-east-1';
  const sdkClient = makeClient(model, { ...config, region }, options, context, operation.name);
  const client: SdkClient = {
    send: async (command) => {
      const output = await sdkClient.send(command);
      customization.customizeOutput(output);
      return output;
    },
    destroy: () => sdkClient.destroy(),
  };
  let result: CallResult;
  try {
    result = await callOperation(client, model, operation, parsed, options, context);
  } catch (error) {
    return serviceError(error, operation.name);
  } finally {
    client.destroy();
  }
  const printed = { name: operation.name, output: operation.output() };
  return printResult(result, printed, config.output, options, context.terminalWidth ?? 80);
}
