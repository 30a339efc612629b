import type { AwsContext } from '../aws-context';
import { type CliError, exitCodes, usageError } from '../cli-error';
import { configFilePaths, configSectionName, readProfile } from '../config-files';
import type { GlobalOptions } from '../global-options';
import { setIniValue } from './config-writer';

/** Keys that belong in the credentials file rather than the config file. */
const credentialKeys = new Set(['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token']);

/** A secret as `configure` shows it: sixteen stars and its last four characters. */
function masked(value: string): string {
  return `${'*'.repeat(16)}${value.slice(-4)}`;
}

/** `configure set KEY VALUE`: `KEY` may name its profile (`profile.edx.region`, `default.region`). */
async function set(words: string[], profile: string, context: AwsContext): Promise<string | CliError> {
  const [name, value] = words;
  if (name === undefined || value === undefined)
    return usageError('aws: error: the following arguments are required: varname, value');
  const parts = name.split('.');
  const [target, key] =
    parts.length === 3 && parts[0] === 'profile'
      ? [parts[1]!, parts[2]!]
      : parts.length === 2
        ? [parts[0]!, parts[1]!]
        : [profile, name];
  const paths = configFilePaths(context.env);
  const inCredentials = credentialKeys.has(key);
  const path = inCredentials ? paths.credentials : paths.config;
  const section = inCredentials ? target : configSectionName(target);
  await context.files.write(path, setIniValue((await context.files.readText(path)) ?? '', section, key, value));
  return '';
}

/** `configure get KEY`: the value on a line of its own; nothing and exit 1 when it is not set. */
async function get(words: string[], profile: string, context: AwsContext): Promise<string | CliError> {
  const [name] = words;
  if (name === undefined) return usageError('aws: error: the following arguments are required: varname');
  const settings = await readProfile(context.files, context.env, profile);
  if (!settings && profile !== 'default')
    return { message: `The config profile (${profile}) could not be found`, exitCode: exitCodes.general };
  const value = settings?.[name];
  return value === undefined ? { message: '', exitCode: 1, silent: true } : `${value}\n`;
}

function listRow(name: string, value: string, type: string, location: string): string {
  return `${name.padStart(10)} ${value.padStart(24)} ${type.padStart(16)}    ${location}\n`;
}

/** `configure list`: where the profile, keys and region the next command would use come from. */
async function list(options: GlobalOptions, context: AwsContext): Promise<string | CliError> {
  const env = context.env;
  const profile = options.profile ?? env.AWS_PROFILE;
  const header = listRow('Name', 'Value', 'Type', 'Location') + listRow('----', '-----', '----', '--------');
  const profileRow = profile
    ? listRow('profile', profile, options.profile ? 'manual' : 'env', options.profile ? '--profile' : "['AWS_PROFILE']")
    : listRow('profile', '<not set>', 'None', 'None');
  const settings = await readProfile(context.files, env, profile ?? 'default');
  if (!settings && profile)
    return {
      message: `The config profile (${profile}) could not be found`,
      exitCode: exitCodes.general,
      stdout: header + profileRow,
    };
  const fromEnv = !options.profile && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY;
  const key = (name: string, envValue: string | undefined, fileValue: string | undefined) =>
    fromEnv && envValue
      ? listRow(name, masked(envValue), 'env', '')
      : fileValue
        ? listRow(name, masked(fileValue), 'shared-credentials-file', '')
        : listRow(name, '<not set>', 'None', 'None');
  const regionFromEnv = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const region = options.region
    ? listRow('region', options.region, 'manual', '--region')
    : regionFromEnv
      ? listRow('region', regionFromEnv, 'env', "['AWS_REGION', 'AWS_DEFAULT_REGION']")
      : settings?.region
        ? listRow('region', settings.region, 'config-file', env.AWS_CONFIG_FILE ?? '~/.aws/config')
        : listRow('region', '<not set>', 'None', 'None');
  return (
    header +
    profileRow +
    key('access_key', env.AWS_ACCESS_KEY_ID, settings?.aws_access_key_id) +
    key('secret_key', env.AWS_SECRET_ACCESS_KEY, settings?.aws_secret_access_key) +
    region
  );
}

/** The four questions of an interactive `aws configure`, with the setting each answer goes to. */
const questions: [string, string, boolean][] = [
  ['AWS Access Key ID', 'aws_access_key_id', true],
  ['AWS Secret Access Key', 'aws_secret_access_key', true],
  ['Default region name', 'region', false],
  ['Default output format', 'output', false],
];

/** `aws configure` with no subcommand: asks for the keys, region and output, keeping a setting on an empty answer. */
async function interactive(profile: string, context: AwsContext): Promise<string | CliError> {
  if (!context.prompt)
    return { message: 'aws configure needs a terminal to ask in; use aws configure set KEY VALUE', exitCode: 255 };
  const settings = (await readProfile(context.files, context.env, profile)) ?? {};
  for (const [question, key, secret] of questions) {
    const current = settings[key];
    const shown = current === undefined ? 'None' : secret ? masked(current) : current;
    const answer = (await context.prompt(`${question} [${shown}]: `))?.trim();
    if (answer) {
      const result = await set([key, answer], profile, context);
      if (typeof result !== 'string') return result;
    }
  }
  return '';
}

/**
 * `aws configure` and its subcommands `set`, `get`, `list`: reads and writes `~/.aws/config` and
 * `~/.aws/credentials` through the shell's files, for the profile `--profile` names (or `default`).
 */
export function runConfigure(words: string[], options: GlobalOptions, context: AwsContext): Promise<string | CliError> {
  const [subcommand, ...rest] = words;
  const profile = options.profile ?? context.env.AWS_PROFILE ?? 'default';
  if (subcommand === 'set') return set(rest, profile, context);
  if (subcommand === 'get') return get(rest, profile, context);
  if (subcommand === 'list') return list(options, context);
  if (subcommand === undefined) return interactive(profile, context);
  return Promise.resolve(usageError(`aws: error: argument subcommand: Invalid choice: '${subcommand}'`));
}
