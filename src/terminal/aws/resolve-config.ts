import { type CliError, exitCodes } from './cli-error';
import { readProfile } from './config-files';
import type { AwsFiles } from './files';
import type { GlobalOptions } from './global-options';
import { instanceRegion, instanceRoleCredentials } from './instance-metadata';

type Env = Record<string, string | undefined>;

/** Credentials as the SDK takes them. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Where a call goes and as whom: the CLI's resolution of region, credentials and output format. */
export interface ResolvedConfig {
  profile: string;
  region?: string;
  credentials?: Credentials;
  output: string;
}

/**
 * Resolves the profile's region, credentials and output as the CLI does: command-line options first, then the
 * environment (`AWS_REGION`, `AWS_DEFAULT_REGION`, `AWS_ACCESS_KEY_ID`… unless `--profile` names a profile), then
 * `~/.aws/credentials` and `~/.aws/config`, and last, on an instance, its metadata service (the role's credentials,
 * the instance's region). A named profile that exists nowhere is an error.
 */
export async function resolveConfig(
  options: GlobalOptions,
  env: Env,
  files: AwsFiles,
  metadata?: typeof fetch,
): Promise<ResolvedConfig | CliError> {
  const profile = options.profile ?? env.AWS_PROFILE ?? env.AWS_DEFAULT_PROFILE ?? 'default';
  const settings = await readProfile(files, env, profile);
  if (!settings && profile !== 'default')
    return { message: `The config profile (${profile}) could not be found`, exitCode: exitCodes.general };
  const fromEnv =
    options.profile === undefined && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? {
          accessKeyId: env.AWS_ACCESS_KEY_ID,
          secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
          sessionToken: env.AWS_SESSION_TOKEN,
        }
      : undefined;
  const fromFiles =
    settings?.aws_access_key_id && settings.aws_secret_access_key
      ? {
          accessKeyId: settings.aws_access_key_id,
          secretAccessKey: settings.aws_secret_access_key,
          sessionToken: settings.aws_session_token,
        }
      : undefined;
  const credentials = fromEnv ?? fromFiles ?? (metadata && (await instanceRoleCredentials(metadata)));
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? settings?.region;
  return {
    profile,
    region: region ?? (metadata && (await instanceRegion(metadata))),
    credentials:
      credentials &&
      (credentials.sessionToken
        ? credentials
        : { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey }),
    output: options.output ?? env.AWS_DEFAULT_OUTPUT ?? settings?.output ?? 'json',
  };
}

/** The CLI's error when no credentials are found anywhere. */
export const noCredentials: CliError = {
  message: 'Unable to locate credentials. You can configure credentials by running "aws configure".',
  exitCode: exitCodes.configuration,
};

/** The CLI's error when no region is set anywhere. */
export const noRegion: CliError = {
  message: 'You must specify a region. You can also configure your region by running "aws configure".',
  exitCode: exitCodes.configuration,
};
