/** `awscourse diagram --help`. Apart from the command, so that `awscourse help diagram` loads no AWS SDK. */
export const diagramHelp = `Usage: awscourse diagram [options]

Draws what an account holds, read-only: each region's VPCs with their internet gateway, Availability Zones,
subnets (public or private by the checks' own rule), instances and security groups, route tables and key pairs,
then the account's S3 buckets and IAM users. Prints it as an indented outline, or writes it as an SVG picture.
The failed checks of each exercise's latest Verify (from your progress file) are marked on what they name.

Live mode (the default) uses your AWS credentials (environment, profile or SSO, as the AWS CLI does) and honours
AWS_ENDPOINT_URL; the actions it needs are in "awscourse policy". Offline mode draws the sandbox account instead.

Options:
  --region R         region to draw, repeatable (default: AWS_REGION, your profile's region, else us-west-2)
  --profile P        AWS profile to use
  --offline          draw the sandbox account saved by "awscourse emulator"
  --state FILE       the sandbox file for --offline (default ${'$AWSCOURSE_HOME'}/sandbox.json, ~/.awscourse/)
  --svg FILE         write the drawing to FILE as SVG instead of printing the outline
  --theme light|dark the SVG's colours (default light)
  --stacked          the SVG in one column, for a narrow screen
  --progress FILE    take the marks from FILE (default ${'$AWSCOURSE_HOME'}/progress.json, which "awscourse check"
                     writes); only attempts of the same mode, and of a region drawn, count
  --no-progress      draw without marks
  -h, --help         show this help

A part the credentials may not read is left out with a warning, and the rest is drawn.
Exit status: 0 drawn, 2 a usage or credential problem.
`;
