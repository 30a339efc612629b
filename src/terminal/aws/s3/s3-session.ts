import type { AwsContext } from '../aws-context';
import { operationCustomization } from '../customizations';
import { type CliError, isCliError } from '../cli-error';
import type { GlobalOptions } from '../global-options';
import { makeClient } from '../make-client';
import { noCredentials, type ResolvedConfig, resolveConfig } from '../resolve-config';
import { loadServiceModel, type SdkClient, type ServiceModel } from '../service-model';

/** What the `aws s3` commands work with: an S3 client, the resolved configuration, the shell. */
export interface S3Session {
  /** Sends an S3 operation by its API name (`ListObjectsV2`); throws the SDK's error when S3 answers with one. */
  send(operation: string, input: object): Promise<Record<string, unknown>>;
  config: ResolvedConfig & { region: string };
  options: GlobalOptions;
  context: AwsContext;
  /** The shell's working directory, for the paths the messages print. */
  cwd: string;
  model: ServiceModel;
  client: SdkClient;
}

/** Opens a session for one `aws s3` command, or the CLI's configuration error. */
export async function openS3Session(options: GlobalOptions, context: AwsContext): Promise<S3Session | CliError> {
  const model = (await loadServiceModel('s3api'))!;
  const config = await resolveConfig(options, context.env, context.files, context.metadata);
  if (isCliError(config)) return config;
  if (!config.credentials && !options.noSignRequest) return noCredentials;
  const resolved = { ...config, region: config.region ?? 'us-east-1' };
  const client = makeClient(model, resolved, options, context, 's3');
  const commands = new Map([...model.operations.values()].map((operation) => [operation.name, operation.Command]));
  return {
    send: async (operation, input) => {
      const customization = operationCustomization('s3api', operation);
      const request = { ...input } as Record<string, unknown>;
      customization.customizeInput(request);
      const output = await client.send(new (commands.get(operation)!)(request));
      customization.customizeOutput(output);
      return output;
    },
    config: resolved,
    options,
    context,
    cwd: context.env.PWD ?? context.env.HOME ?? '/',
    model,
    client,
  };
}
