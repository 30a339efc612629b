import { type CliError, exitCodes } from './cli-error';

/** What the lab terminal offers instead of signing in through IAM Identity Center. */
const identityCenterHint =
  'Here you already work as the sandbox account\'s root user ("aws sts get-caller-identity" shows who you are). ' +
  'To work as another identity, create an access key with "aws iam create-access-key" and set it up with ' +
  '"aws configure --profile NAME". On your own machine, with a real AWS account, the command works as the ' +
  'lesson shows.';

/**
 * Commands the lessons show that need something the sandbox does not have, by their first words, with what to do
 * instead: IAM Identity Center signs people in through a browser to a real AWS organisation.
 */
const outsideTheSandbox = new Map<string, string>([
  ['sso', 'IAM Identity Center (aws sso) signs you in through a browser to a real AWS organisation'],
  ['configure sso', 'aws configure sso sets up a sign-in through IAM Identity Center of a real AWS organisation'],
  ['configure sso-session', 'aws configure sso-session sets up IAM Identity Center of a real AWS organisation'],
  ['configure export-credentials', 'aws configure export-credentials works with the CLI of your own machine'],
]);

/** The course's answer to a command the lab terminal's sandbox cannot run, or none when it can. */
export function outsideTheSandboxError(words: readonly string[]): CliError | undefined {
  const what = outsideTheSandbox.get(words.slice(0, 2).join(' ')) ?? outsideTheSandbox.get(words[0] ?? '');
  if (!what) return undefined;
  return {
    message: `${what}; the lab terminal's sandbox has none.\n${identityCenterHint}`,
    exitCode: exitCodes.configuration,
  };
}
