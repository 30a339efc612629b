import { DescribeKeyPairsCommand, ImportKeyPairCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { createKeyMaterial } from '../../src/emulator/services/ec2-key-material';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const encode = (text: string) => new TextEncoder().encode(text);

/** An OpenSSH public key line in RFC 4716's format, with headers, a continued header and 70-column lines. */
function rfc4716(openSsh: string): string {
  const base64 = openSsh.split(' ')[1]!;
  return [
    '---- BEGIN SSH2 PUBLIC KEY ----',
    'Comment: "2048-bit RSA, converted by learner@laptop from Op\\',
    'enSSH"',
    'x-made-by: ssh-keygen',
    ...(base64.match(/.{1,70}/g) ?? []),
    '---- END SSH2 PUBLIC KEY ----',
    '',
  ].join('\r\n');
}

describe('EC2 key pairs in the sandbox', () => {
  it('imports an RSA public key in RFC 4716 format with the fingerprint of its OpenSSH form', async () => {
    const { ec2 } = clientsFor();
    const { publicKey } = await createKeyMaterial('rsa');
    const openSsh = await ec2.send(new ImportKeyPairCommand({ KeyName: 'a', PublicKeyMaterial: encode(publicKey) }));
    const ssh2 = await ec2.send(
      new ImportKeyPairCommand({ KeyName: 'b', PublicKeyMaterial: encode(rfc4716(publicKey)) }),
    );
    expect(ssh2.KeyFingerprint).toBe(openSsh.KeyFingerprint);
    const described = await ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['b'] }));
    expect(described.KeyPairs![0]!.KeyType).toBe('rsa');
  });

  it('imports an ED25519 public key in RFC 4716 format as an ed25519 key', async () => {
    const { ec2 } = clientsFor();
    const { publicKey } = await createKeyMaterial('ed25519');
    await ec2.send(new ImportKeyPairCommand({ KeyName: 'ed', PublicKeyMaterial: encode(rfc4716(publicKey)) }));
    const described = await ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['ed'] }));
    expect(described.KeyPairs![0]!.KeyType).toBe('ed25519');
  });

  it('refuses an RFC 4716 block whose body is not a key', async () => {
    const material = '---- BEGIN SSH2 PUBLIC KEY ----\nbm90IGEga2V5\n---- END SSH2 PUBLIC KEY ----\n';
    const call = clientsFor().ec2.send(
      new ImportKeyPairCommand({ KeyName: 'bad', PublicKeyMaterial: encode(material) }),
    );
    expect((await errorOf(call)).name).toBe('InvalidKeyPair.Format');
  });
});
