/** `awscourse policy --help`. Apart from the command, so that `awscourse help policy` loads no checker. */
export const policyHelp = `Usage: awscourse policy

Prints the IAM policy (JSON) that lets a user or role run every check and draw the account diagram: only the
read-only actions the checkers and the diagram declare. Attach it to a dedicated checker identity, for example:

  awscourse policy > checker-policy.json
  aws iam put-user-policy --user-name <you> --policy-name awscourse-checker --policy-document file://checker-policy.json
`;
