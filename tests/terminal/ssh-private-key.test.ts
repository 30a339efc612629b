import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../src/emulator/base64';
import { createKeyMaterial } from '../../src/emulator/services/ec2-key-material';
import { blobOfPublicKey, publicKeyOfPrivateKey } from '../../src/terminal/ssh-private-key';

const pem = (label: string, der: ArrayBuffer) =>
  `-----BEGIN ${label}-----\n${bytesToBase64(new Uint8Array(der))
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END ${label}-----\n`;

const publicLine = async (text: string) => {
  const blob = await publicKeyOfPrivateKey(text);
  return blob && bytesToBase64(blob);
};

describe('publicKeyOfPrivateKey', () => {
  it("derives an RSA key pair's public key from EC2's PKCS#1 private key", async () => {
    const material = await createKeyMaterial('rsa');
    expect(await publicLine(material.privateKey)).toBe(material.publicKey.split(' ')[1]);
  });

  it("derives an ED25519 key pair's public key from EC2's OpenSSH private key", async () => {
    const material = await createKeyMaterial('ed25519');
    expect(await publicLine(material.privateKey)).toBe(material.publicKey.split(' ')[1]);
  });

  it('derives the public key of a PKCS#8 RSA private key', async () => {
    const pair = (await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    )) as CryptoKeyPair;
    const blob = await publicKeyOfPrivateKey(
      pem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', pair.privateKey)),
    );
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const modulus = Uint8Array.from(atob(jwk.n!.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    expect(new TextDecoder().decode(blob!.slice(4, 11))).toBe('ssh-rsa');
    expect([...blob!.slice(-modulus.length)]).toEqual([...modulus]);
  });

  it('derives the public key of a PKCS#8 Ed25519 private key', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const blob = await publicKeyOfPrivateKey(
      pem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', pair.privateKey)),
    );
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    expect([...blob!.slice(-32)]).toEqual([...raw]);
  });

  it('finds no key in text that is not a private key', async () => {
    expect(await publicKeyOfPrivateKey('ssh-rsa AAAAB3NzaC1yc2E user@host\n')).toBeNull();
    expect(
      await publicKeyOfPrivateKey('-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n'),
    ).toBeNull();
  });
});

describe('blobOfPublicKey', () => {
  it('reads the key of an OpenSSH public key line with a comment', () => {
    expect(blobOfPublicKey('ssh-ed25519 AAAA me@laptop')).toEqual(new Uint8Array([0, 0, 0]));
  });
});
