import {
  CreateUserCommand,
  DeleteSSHPublicKeyCommand,
  DeleteUserCommand,
  GetSSHPublicKeyCommand,
  ListSSHPublicKeysCommand,
  UpdateSSHPublicKeyCommand,
  UploadSSHPublicKeyCommand,
} from '@aws-sdk/client-iam';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

/** An SSH wire-format field: its length, then its bytes. */
function sshField(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** An SSH mpint from a JWK number: a leading zero byte when the high bit is set. */
function sshMpint(base64url: string): Buffer {
  const raw = Buffer.from(base64url, 'base64url');
  return sshField(raw[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), raw]) : raw);
}

/** A fresh RSA public key (2048 bits unless asked) in OpenSSH's one-line form, and its key bytes. */
function sshRsaKey(modulusLength = 2048) {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength });
  const { n, e } = publicKey.export({ format: 'jwk' });
  const blob = Buffer.concat([sshField(Buffer.from('ssh-rsa')), sshMpint(e!), sshMpint(n!)]);
  return { body: `ssh-rsa ${blob.toString('base64')} ana@laptop`, blob };
}

async function anaWithKey() {
  const { iam } = clientsFor();
  await iam.send(new CreateUserCommand({ UserName: 'ana' }));
  const key = sshRsaKey();
  const uploaded = await iam.send(new UploadSSHPublicKeyCommand({ UserName: 'ana', SSHPublicKeyBody: key.body }));
  return { key, uploaded: uploaded.SSHPublicKey! };
}

describe('IAM SSH public keys in the sandbox', () => {
  it('uploads an ssh-rsa key, active, with an APKA id and the MD5 fingerprint of its key bytes', async () => {
    const { key, uploaded } = await anaWithKey();
    expect(uploaded.SSHPublicKeyId).toMatch(/^APKA[A-Z2-7]{16}$/);
    expect(uploaded.Status).toBe('Active');
    const md5 = createHash('md5').update(key.blob).digest('hex');
    expect(uploaded.Fingerprint).toBe(md5.match(/../g)!.join(':'));
  });

  it('refuses a body that is neither ssh-rsa nor PEM', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    const upload = new UploadSSHPublicKeyCommand({ UserName: 'ana', SSHPublicKeyBody: 'not a key' });
    expect(await errorOf(iam.send(upload))).toMatchObject({ name: 'UnrecognizedPublicKeyEncodingException' });
  });

  it('refuses an RSA key shorter than 2048 bits', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    const upload = new UploadSSHPublicKeyCommand({ UserName: 'ana', SSHPublicKeyBody: sshRsaKey(1024).body });
    expect(await errorOf(iam.send(upload))).toMatchObject({ name: 'InvalidPublicKeyException' });
  });

  it('refuses the same key twice for a user', async () => {
    const { iam } = clientsFor();
    const { key } = await anaWithKey();
    const again = new UploadSSHPublicKeyCommand({ UserName: 'ana', SSHPublicKeyBody: key.body });
    expect(await errorOf(iam.send(again))).toMatchObject({ name: 'DuplicateSSHPublicKeyException' });
  });

  it('reads, deactivates, lists and deletes a key', async () => {
    const { iam } = clientsFor();
    const { key, uploaded } = await anaWithKey();
    const id = { UserName: 'ana', SSHPublicKeyId: uploaded.SSHPublicKeyId! };
    await iam.send(new UpdateSSHPublicKeyCommand({ ...id, Status: 'Inactive' }));
    const read = (await iam.send(new GetSSHPublicKeyCommand({ ...id, Encoding: 'SSH' }))).SSHPublicKey!;
    expect(read).toMatchObject({ SSHPublicKeyBody: key.body, Status: 'Inactive' });
    const listed = await iam.send(new ListSSHPublicKeysCommand({ UserName: 'ana' }));
    expect(listed.SSHPublicKeys!.map((k) => k.SSHPublicKeyId)).toEqual([id.SSHPublicKeyId]);
    await iam.send(new DeleteSSHPublicKeyCommand(id));
    expect((await iam.send(new ListSSHPublicKeysCommand({ UserName: 'ana' }))).SSHPublicKeys).toEqual([]);
  });

  it('answers NoSuchEntity for a key the user does not have', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    const get = new GetSSHPublicKeyCommand({
      UserName: 'ana',
      SSHPublicKeyId: 'APKAEXAMPLE000000000',
      Encoding: 'SSH',
    });
    expect(await errorOf(iam.send(get))).toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('keeps a user with a key from being deleted', async () => {
    const { iam } = clientsFor();
    await anaWithKey();
    expect(await errorOf(iam.send(new DeleteUserCommand({ UserName: 'ana' })))).toMatchObject({
      name: 'DeleteConflictException',
    });
  });
});
