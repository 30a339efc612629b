import {
  CreatePolicyCommand,
  CreateUserCommand,
  ListUserTagsCommand,
  TagUserCommand,
  UntagUserCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const readPhotos = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/*' }],
});

/** `count` tags named 0, 1, 2... */
const tagsNumbered = (count: number) => Array.from({ length: count }, (_, i) => ({ Key: String(i), Value: 'x' }));

describe('IAM tags, as IAM checks them', () => {
  it('refuses more than 50 tags in one request', async () => {
    const { iam } = clientsFor();
    const error = await errorOf(iam.send(new CreateUserCommand({ UserName: 'ana', Tags: tagsNumbered(51) })));
    expect(error.name).toBe('ValidationError');
    expect(error.message).toContain("at 'tags' failed to satisfy constraint: Member must have length less than or");
  });

  it('refuses a key longer than 128 characters, naming the member', async () => {
    const { iam } = clientsFor();
    const tags = [{ Key: 'k'.repeat(129), Value: '' }];
    const error = await errorOf(
      iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: readPhotos, Tags: tags })),
    );
    expect(error.message).toContain(
      "at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128",
    );
  });

  it('refuses a value longer than 256 characters', async () => {
    const { iam } = clientsFor();
    const tags = [{ Key: 'k', Value: 'v'.repeat(257) }];
    const error = await errorOf(iam.send(new CreateUserCommand({ UserName: 'ana', Tags: tags })));
    expect(error.message).toContain("at 'tags.1.member.value' failed to satisfy constraint: Member must have length");
  });

  it('refuses a key with a character IAM does not allow, quoting the pattern', async () => {
    const { iam } = clientsFor();
    const error = await errorOf(
      iam.send(new CreateUserCommand({ UserName: 'ana', Tags: [{ Key: 'NOWAY!', Value: '' }] })),
    );
    expect(error.message).toContain('Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+');
  });

  it('refuses the same key twice, whatever its case', async () => {
    const { iam } = clientsFor();
    const tags = [
      { Key: 'team', Value: 'a' },
      { Key: 'Team', Value: 'b' },
    ];
    const error = await errorOf(iam.send(new CreateUserCommand({ UserName: 'ana', Tags: tags })));
    expect(error).toMatchObject({
      name: 'InvalidInputException',
      message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    });
  });

  it('keeps an entity at 50 tags: a TagUser past them fails and changes nothing', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'ana', Tags: tagsNumbered(50) }));
    const error = await errorOf(
      iam.send(new TagUserCommand({ UserName: 'ana', Tags: [{ Key: 'one', Value: 'more' }] })),
    );
    expect(error).toMatchObject({ name: 'LimitExceededException', status: 409 });
    expect((await iam.send(new ListUserTagsCommand({ UserName: 'ana' }))).Tags).toHaveLength(50);
  });

  it('refuses more than 50 keys to untag', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    const keys = tagsNumbered(51).map((tag) => tag.Key);
    const error = await errorOf(iam.send(new UntagUserCommand({ UserName: 'ana', TagKeys: keys })));
    expect(error.message).toContain("at 'tagKeys' failed to satisfy constraint");
  });
});
