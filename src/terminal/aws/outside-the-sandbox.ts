import { type CliError, exitCodes } from './cli-error';

/** What the lab terminal offers instead of signing in through a browser. */
const signInHint =
  'Here you already work as the sandbox account\'s root user ("aws sts get-caller-identity" shows who you are). ' +
  'To work as another identity, create an access key with "aws iam create-access-key" and set it up with ' +
  '"aws configure --profile NAME". On your own machine, with a real AWS account, the command works as the ' +
  'lesson shows.';

/** What the lab terminal says of the commands about a real account's bill. */
const billingHint =
  'Nothing in the sandbox is billed, so there is nothing to budget or count. Run the command in CloudShell or in ' +
  'your own terminal, signed in to your real AWS account, as the lesson shows.';

/** A command the sandbox cannot run: what it needs that the sandbox has none of, and what to do instead. */
interface Outside {
  what: string;
  instead: string;
}

/**
 * Commands the lessons show that need something the sandbox does not have, by their first words, with what to do
 * instead: IAM Identity Center and `aws login` sign people in through a browser to a real AWS account, and Budgets
 * and the Free Tier API read a real account's bill.
 */
const outsideTheSandbox = new Map<string, Outside>([
  [
    'sso',
    {
      what: 'IAM Identity Center (aws sso) signs you in through a browser to a real AWS organisation',
      instead: signInHint,
    },
  ],
  [
    'configure sso',
    {
      what: 'aws configure sso sets up a sign-in through IAM Identity Center of a real AWS organisation',
      instead: signInHint,
    },
  ],
  [
    'configure sso-session',
    { what: 'aws configure sso-session sets up IAM Identity Center of a real AWS organisation', instead: signInHint },
  ],
  [
    'configure export-credentials',
    { what: 'aws configure export-credentials works with the CLI of your own machine', instead: signInHint },
  ],
  [
    'login',
    {
      what: 'aws login turns a console sign-in to a real AWS account, in a browser, into credentials',
      instead: signInHint,
    },
  ],
  ['budgets', { what: "AWS Budgets (aws budgets) watches a real AWS account's bill", instead: billingHint }],
  [
    'freetier',
    { what: "The Free Tier API (aws freetier) reports on a real AWS account's plan and usage", instead: billingHint },
  ],
]);

/** The course's answer to a command the lab terminal's sandbox cannot run, or none when it can. */
export function outsideTheSandboxError(words: readonly string[]): CliError | undefined {
  const outside = outsideTheSandbox.get(words.slice(0, 2).join(' ')) ?? outsideTheSandbox.get(words[0] ?? '');
  if (!outside) return undefined;
  return {
    message: `${outside.what}; the lab terminal's sandbox has none.\n${outside.instead}`,
    exitCode: exitCodes.configuration,
  };
}
