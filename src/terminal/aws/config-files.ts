import { parse } from 'ini';
import { type AwsFiles, expandHome } from './files';

type Env = Record<string, string | undefined>;

/** Settings of one profile (`region`, `output`, `aws_access_key_id`, …), merged from both files. */
export type ProfileSettings = Record<string, string>;

/** Where the CLI keeps its configuration and credentials files, honouring `AWS_CONFIG_FILE` and friends. */
export function configFilePaths(env: Env): { config: string; credentials: string } {
  return {
    config: expandHome(env.AWS_CONFIG_FILE ?? '~/.aws/config', env),
    credentials: expandHome(env.AWS_SHARED_CREDENTIALS_FILE ?? '~/.aws/credentials', env),
  };
}

function sections(text: string | undefined): Record<string, Record<string, unknown>> {
  return text === undefined ? {} : (parse(text) as Record<string, Record<string, unknown>>);
}

function strings(section: Record<string, unknown> | undefined): ProfileSettings {
  return Object.fromEntries(
    Object.entries(section ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** The config file's section name for a profile: `default`, or `profile NAME`. */
export function configSectionName(profile: string): string {
  return profile === 'default' ? 'default' : `profile ${profile}`;
}

/**
 * One profile's settings from `~/.aws/config` (`[profile NAME]`) and `~/.aws/credentials` (`[NAME]`), the latter
 * winning; `undefined` when neither file has the profile.
 */
export async function readProfile(files: AwsFiles, env: Env, profile: string): Promise<ProfileSettings | undefined> {
  const paths = configFilePaths(env);
  const config = sections(await files.readText(paths.config));
  const credentials = sections(await files.readText(paths.credentials));
  const fromConfig = config[configSectionName(profile)];
  const fromCredentials = credentials[profile];
  if (!fromConfig && !fromCredentials) return undefined;
  return { ...strings(fromConfig), ...strings(fromCredentials) };
}
