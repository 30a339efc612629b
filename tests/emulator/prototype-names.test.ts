import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteTagsCommand,
  DescribeTagsCommand,
  DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateUserCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  ListUserPoliciesCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { DetectLabelsCommand } from '@aws-sdk/client-rekognition';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { parseSandboxState, serializeSandboxState } from '../../src/emulator/persistence';
import { appendAttemptToFile } from '../../src/progress/file-store';
import { emptyProgress, lessonMarks, readStoredProgress, recordLessonVisit } from '../../src/progress/record';
import type { Progress, VerifyAttempt } from '../../src/progress/schema';
import { errorOf } from './error-of';
import { userWithPolicy } from './policy-user';
import { clientsFor, useSandbox } from './sandbox-clients';

const sandbox = useSandbox();
const everything = { Effect: 'Allow', Action: '*', Resource: '*' };
const denyAll = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] });
const cat = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 2, 3, 4, 5]);

async function photosBucket() {
  const { s3 } = clientsFor();
  await s3.send(
    new CreateBucketCommand({
      Bucket: 'photos-bucket',
      CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
    }),
  );
  return s3;
}

describe('IAM names that are Object.prototype members', () => {
  it('keeps a user named __proto__, lists it and gets it', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: '__proto__' }));
    expect((await iam.send(new GetUserCommand({ UserName: '__proto__' }))).User!.UserName).toBe('__proto__');
    expect((await iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).toEqual(['__proto__']);
  });

  it('applies an inline Deny-all policy named __proto__', async () => {
    const user = await userWithPolicy('ana', [everything]);
    const { iam } = clientsFor();
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'ana',
        PolicyName: '__proto__',
        PolicyDocument: denyAll,
      }),
    );
    expect((await iam.send(new ListUserPoliciesCommand({ UserName: 'ana' }))).PolicyNames).toEqual([
      '__proto__',
      'under-test',
    ]);
    expect((await iam.send(new GetUserPolicyCommand({ UserName: 'ana', PolicyName: '__proto__' }))).PolicyName).toBe(
      '__proto__',
    );
    expect((await errorOf(user.ec2.send(new DescribeVpcsCommand({})))).name).toBe('UnauthorizedOperation');
  });

  it('says a user named constructor does not exist until it is created', async () => {
    const { iam } = clientsFor();
    expect((await errorOf(iam.send(new GetUserCommand({ UserName: 'constructor' })))).name).toBe(
      'NoSuchEntityException',
    );
  });
});

describe('S3 keys that are Object.prototype members', () => {
  it('puts, gets, lists and deletes an object named __proto__', async () => {
    const s3 = await photosBucket();
    await s3.send(new PutObjectCommand({ Bucket: 'photos-bucket', Key: '__proto__', Body: 'kept' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'photos-bucket', Key: '__proto__' }));
    expect(await got.Body!.transformToString()).toBe('kept');
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'photos-bucket' }));
    expect(listed.Contents!.map((o) => o.Key)).toEqual(['__proto__']);
    await s3.send(new DeleteObjectCommand({ Bucket: 'photos-bucket', Key: '__proto__' }));
    expect((await s3.send(new ListObjectsV2Command({ Bucket: 'photos-bucket' }))).KeyCount).toBe(0);
  });

  it('answers NoSuchKey for a key named toString that was never put', async () => {
    const s3 = await photosBucket();
    const error = await errorOf(s3.send(new GetObjectCommand({ Bucket: 'photos-bucket', Key: 'toString' })));
    expect(error).toMatchObject({ name: 'NoSuchKey', status: 404 });
  });
});

describe('Rekognition on objects named like Object.prototype members', () => {
  it('answers InvalidS3ObjectException for __proto__ before it exists, and labels it once it does', async () => {
    const s3 = await photosBucket();
    const { rekognition } = clientsFor();
    const detect = () =>
      rekognition.send(
        new DetectLabelsCommand({ Image: { S3Object: { Bucket: 'photos-bucket', Name: '__proto__' } } }),
      );
    expect(await errorOf(detect())).toMatchObject({ name: 'InvalidS3ObjectException', status: 400 });
    await s3.send(new PutObjectCommand({ Bucket: 'photos-bucket', Key: '__proto__', Body: cat }));
    expect((await detect()).Labels!.length).toBeGreaterThan(0);
  });
});

describe('EC2 tags', () => {
  it('keeps a tag whose key is __proto__', async () => {
    const { ec2 } = clientsFor();
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!.VpcId!;
    await ec2.send(new CreateTagsCommand({ Resources: [vpcId], Tags: [{ Key: '__proto__', Value: 'x' }] }));
    const tags = (await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['__proto__'] }] }))).Tags!;
    expect(tags.map((t) => [t.ResourceId, t.Value])).toEqual([[vpcId, 'x']]);
    const vpcs = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:__proto__', Values: ['x'] }] }));
    expect(vpcs.Vpcs!.map((v) => v.VpcId)).toEqual([vpcId]);
  });

  it('answers InvalidID, not a 500, to CreateTags and DeleteTags for an empty resource id', async () => {
    const { ec2 } = clientsFor();
    const tags = [{ Key: 'Name', Value: 'x' }];
    expect(await errorOf(ec2.send(new CreateTagsCommand({ Resources: [''], Tags: tags })))).toMatchObject({
      name: 'InvalidID',
      status: 400,
    });
    expect(await errorOf(ec2.send(new DeleteTagsCommand({ Resources: [''], Tags: tags })))).toMatchObject({
      name: 'InvalidID',
      status: 400,
    });
  });
});

describe('CloudFormation names that are Object.prototype members', () => {
  it('builds a stack named constructor from parameters named constructor and toString', async () => {
    const { cloudformation } = clientsFor();
    const template = {
      Parameters: { constructor: { Type: 'String' }, toString: { Type: 'String', Default: 'lab' } },
      Resources: {
        valueOf: {
          Type: 'AWS::EC2::VPC',
          Properties: { CidrBlock: { Ref: 'constructor' }, Tags: [{ Key: 'Name', Value: { Ref: 'toString' } }] },
        },
      },
      Outputs: { hasOwnProperty: { Value: { Ref: 'valueOf' } } },
    };
    await cloudformation.send(
      new CreateStackCommand({
        StackName: 'constructor',
        TemplateBody: JSON.stringify(template),
        Parameters: [{ ParameterKey: 'constructor', ParameterValue: '10.7.0.0/16' }],
      }),
    );
    const stack = (await cloudformation.send(new DescribeStacksCommand({ StackName: 'constructor' }))).Stacks![0]!;
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(stack.Outputs![0]!.OutputValue).toMatch(/^vpc-/);
  });

  it('says a stack named toString does not exist', async () => {
    const { cloudformation } = clientsFor();
    const error = await errorOf(cloudformation.send(new DescribeStacksCommand({ StackName: 'toString' })));
    expect(error).toMatchObject({ name: 'ValidationError', message: 'Stack with id toString does not exist' });
  });
});

describe('saving and loading names that are Object.prototype members', () => {
  it('keeps a user and an object named __proto__ through a save and a load, and finds no constructor', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: '__proto__' }));
    const s3 = await photosBucket();
    await s3.send(new PutObjectCommand({ Bucket: 'photos-bucket', Key: '__proto__', Body: 'kept' }));
    const loaded = parseSandboxState(serializeSandboxState(sandbox().state));
    if (!('state' in loaded)) throw new Error(loaded.error);
    const account = loaded.state.accounts['123456789012']!;
    expect(Object.keys(account.iam.users)).toEqual(['__proto__']);
    expect(account.iam.users.constructor).toBeUndefined();
    expect(Object.keys(loaded.state.buckets['photos-bucket']!.objects)).toEqual(['__proto__']);
    expect(loaded.state.buckets.toString).toBeUndefined();
  });
});

describe('progress records with lessons named like Object.prototype members', () => {
  const t0 = new Date('2026-11-24T10:00:00.000Z');

  it('records a visit to a lesson named __proto__', () => {
    const progress = recordLessonVisit(emptyProgress('learner-0001', t0), '__proto__', t0);
    expect(Object.keys(progress.lessons)).toEqual(['__proto__']);
    expect(lessonMarks(progress, '__proto__').visited).toBe(true);
  });

  it('marks a lesson named constructor neither visited nor quizzed before the learner opens it', () => {
    const marks = lessonMarks(emptyProgress('learner-0001', t0), 'constructor');
    expect(marks).toEqual({ visited: false, quizDone: false, verified: false });
  });

  it('reads back a stored record whose lesson is named __proto__', () => {
    const stored = JSON.stringify(recordLessonVisit(emptyProgress('learner-0001', t0), '__proto__', t0));
    const read = readStoredProgress(stored) as Progress;
    expect(Object.keys(read.lessons)).toEqual(['__proto__']);
    expect(read.quizzes.toString).toBeUndefined();
  });

  it('keeps a lesson named __proto__ and a check’s evidence under that name when a file gets a new attempt', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'progress-')), 'progress.json');
    await writeFile(file, JSON.stringify(recordLessonVisit(emptyProgress('learner-0001', t0), '__proto__', t0)));
    const attempt: VerifyAttempt = {
      exercise: 'exercise-3',
      at: t0.toISOString(),
      mode: 'offline',
      status: 'passed',
      checks: [
        {
          id: '__proto__',
          status: 'pass',
          message: 'ok',
          evidence: JSON.parse('{"__proto__":"x"}') as Record<string, unknown>,
        },
      ],
    };
    await appendAttemptToFile(file, attempt, t0);
    const saved = JSON.parse(await readFile(file, 'utf8')) as Progress;
    expect(Object.keys(saved.lessons)).toEqual(['__proto__']);
    expect(saved.attempts[0]!.checks[0]!.evidence).toEqual(JSON.parse('{"__proto__":"x"}'));
  });
});
