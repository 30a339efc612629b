import { readFileSync } from 'node:fs';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { checkers } from '../../checkers/index';
import { checkerActions, checkerPolicyDocument, isReadOnlyAction } from '../../checkers/policy';
import { runChecker } from '../../checkers/run';
import { clientsFor, useSandbox } from '../emulator/sandbox-clients';
import { doExercise3 } from './course-steps';
import { sandboxAws } from './sandbox-aws';

const sandbox = useSandbox();

/** A user allowed exactly `policy` and nothing else, with a key. */
async function userWithPolicy(name: string, policy: string) {
  const { iam } = clientsFor();
  await iam.send(new CreateUserCommand({ UserName: name }));
  await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'only-this', PolicyDocument: policy }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
}

/** The account with every exercise's resources, so each checker makes all of its calls. */
async function courseAccount() {
  const clients = clientsFor();
  await doExercise3(clients);
  await clients.s3.send(
    new CreateBucketCommand({
      Bucket: 'photos-bucket',
      CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
    }),
  );
  for (const name of ['chelsea', 'coffee']) {
    const bytes = readFileSync(new URL(`../../public/sample-photos/${name}.jpg`, import.meta.url));
    await clients.s3.send(
      new PutObjectCommand({ Bucket: 'photos-bucket', Key: `${name}.jpg`, Body: bytes, ContentType: 'image/jpeg' }),
    );
  }
}

const paramsFor: Record<string, Record<string, unknown>> = {
  'exercise-5': { bucket: 'photos-bucket', appUrl: 'http://127.0.0.1:9/' },
  'exercise-6': { bucket: 'photos-bucket', appUrl: 'http://127.0.0.1:9/' },
};

describe('every checker is read-only', () => {
  it('declares only read-only actions', () => {
    for (const checker of Object.values(checkers)) {
      expect(
        checker.permissions.filter((action) => !isReadOnlyAction(action)),
        checker.id,
      ).toEqual([]);
    }
    expect(checkerActions(Object.values(checkers)).every(isReadOnlyAction)).toBe(true);
  });

  for (const [id, checker] of Object.entries(checkers)) {
    it(`${id} runs with nothing but its declared permissions and changes nothing`, async () => {
      await courseAccount();
      const keys = await userWithPolicy('checker', checkerPolicyDocument([checker]));
      const before = JSON.stringify({ ...sandbox().state, accessKeys: {} });
      let changes = 0;
      const unsubscribe = sandbox().subscribe(() => {
        changes++;
      });
      const run = await runChecker(checker, {
        aws: sandboxAws(keys),
        mode: 'offline',
        surface: 'cli',
        params: paramsFor[id] ?? {},
        accessKeyId: keys.accessKeyId,
      });
      unsubscribe();
      expect(
        run.checks.filter((c) => c.status === 'error'),
        JSON.stringify(run.checks),
      ).toEqual([]);
      expect(JSON.stringify(run)).not.toMatch(/not authorized|AccessDenied|UnauthorizedOperation/);
      expect(changes).toBe(0);
      expect(JSON.stringify({ ...sandbox().state, accessKeys: {} })).toBe(before);
    });
  }
});
