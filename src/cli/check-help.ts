import { exerciseIds } from '../lessons/schema';

/**
 * `awscourse check --help`. Apart from the command, so that `awscourse help check` loads no checker (and with them
 * the AWS SDK); the exercises are the course's, which the checkers are keyed by.
 */
export const checkHelp = `Usage: awscourse check <exercise|all> [options]

Checks an exercise read-only and prints each check with ✓ or ✗, what was found and how to fix a failure.
Exercises: ${exerciseIds.join(', ')}.

Live mode (the default) uses your AWS credentials (environment, profile or SSO, as the AWS CLI does) and honours
AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>. Offline mode checks the sandbox account instead.

Options:
  --region R         region to check (default: AWS_REGION, your profile's region, else us-west-2)
  --profile P        AWS profile to use
  --param key=value  a checker parameter (repeatable), e.g. --param vpcName=my-vpc
  --app-url URL      the photo gallery's address for exercises 5 and 6 (default http://localhost:5000)
  --json             print the result object(s) as JSON
  --offline          check the sandbox account saved by "awscourse emulator"
  --state FILE       the sandbox file for --offline (default ${'$AWSCOURSE_HOME'}/sandbox.json, ~/.awscourse/)
  --no-save          do not append the result to your progress file
  -h, --help         show this help

With "all", exercises whose parameters are missing (the photo bucket) are skipped, saying what to pass.
Exit status: 0 all checks passed, 1 a check failed, 2 a usage or credential problem (or an exercise skipped).
Each run is appended to your progress file (${'$AWSCOURSE_HOME'}/progress.json).
`;
