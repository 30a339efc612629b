import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { clientsFor, type Route } from './sandbox-clients';

/** An IAM policy statement, as a test writes it. */
export type Statement = Record<string, unknown>;

/** Options for {@link userWithPolicy}. */
export interface PolicyUserOptions {
  /** The user's path, such as `/admins/`; `/` by default. */
  path?: string;
  /** The user's tags. */
  tags?: { Key: string; Value: string }[];
  region?: string;
  /** How the root's and the user's clients reach the sandbox (msw when not given). */
  route?: Route;
}

/**
 * Creates an IAM user with one inline policy of these statements and an access key, through the root's own clients,
 * and returns real SDK clients signed with the user's key.
 */
export async function userWithPolicy(name: string, statements: Statement[], options: PolicyUserOptions = {}) {
  const { iam } = clientsFor(undefined, options.region, options.route);
  await iam.send(new CreateUserCommand({ UserName: name, Path: options.path, Tags: options.tags }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: name,
      PolicyName: 'under-test',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
    }),
  );
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  return clientsFor(
    { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! },
    options.region,
    options.route,
  );
}
