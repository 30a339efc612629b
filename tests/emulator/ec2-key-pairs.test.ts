import { CreateKeyPairCommand, DescribeKeyPairsCommand, ImportKeyPairCommand } from '@aws-sdk/client-ec2';
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

  it("fingerprints an imported RSA key by the MD5 of its DER public key, as openssl's md5 -c prints it", async () => {
    const { ec2 } = clientsFor();
    // `ssh-keygen -f k.pub -e -m PKCS8 | openssl pkey -pubin -outform DER | openssl md5 -c` prints the fingerprint.
    const publicKey =
      'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQCcZ40BKLfxUNoKhH1VBoQ0iUwYeMO6yFYRHRN+1WmC6XtCqtHvnX3iUq8h8PBinNZPOZu31D' +
      'QY5Zt0VnKqng9gDQDkBdKcZ4IHoXMPin6oqaftBXCs5omie7Y+hmBX/81jacYRNcYRTcID0aeXtKJv3WEOjpG75BV2fE46CR+cPQ== ' +
      'learner@laptop';
    const imported = await ec2.send(new ImportKeyPairCommand({ KeyName: 'k', PublicKeyMaterial: encode(publicKey) }));
    expect(imported.KeyFingerprint).toBe('fa:de:a3:3c:de:70:8b:b3:b0:55:29:a5:bd:9f:76:11');
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

  it('answers CreateKeyPair for an untagged key without Tags', async () => {
    const { ec2 } = clientsFor();
    const created = await ec2.send(new CreateKeyPairCommand({ KeyName: 'untagged' }));
    expect(created).not.toHaveProperty('Tags');
  });

  it("describes a made key's public key, with the key's name as its comment, only when asked to", async () => {
    const { ec2 } = clientsFor();
    await ec2.send(new CreateKeyPairCommand({ KeyName: 'lab-key', KeyType: 'ed25519' }));
    const plain = await ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['lab-key'] }));
    expect(plain.KeyPairs![0]).not.toHaveProperty('PublicKey');
    const withKey = await ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['lab-key'], IncludePublicKey: true }));
    expect(withKey.KeyPairs![0]!.PublicKey).toMatch(/^ssh-ed25519 AAAA[A-Za-z0-9+/]+=* lab-key$/);
  });
});
