/**
 * IAM users' SSH public keys (for CodeCommit): uploaded in ssh-rsa or PEM encoding, each with the MD5 fingerprint of
 * its key bytes. The sandbox answers a key in the encoding it was uploaded in; it does not convert between the two.
 */
import { AwsError } from '../aws-error';
import { base64ToBytes } from '../base64';
import type { ServiceContext } from '../context';
import { sshPublicKeyId } from '../ids';
import { md5Hex } from '../md5';
import type { QueryOperation, QueryParams } from '../protocols/query';
import { sshPublicKeysOf, sshPublicKeysOfUser, type SshPublicKey } from '../state';
import type { XmlValue } from '../xml';
import { awsTimestamp } from '../../lib/aws-timestamp';
import { ownEntry } from '../../lib/name-record';
import { pageOf } from './iam-paging';
import { requireUser, userResource } from './iam-users';
import { enumValue } from './iam-names';

/** How many SSH public keys a user may have (IAM quotas: "SSH public keys per IAM user"). */
const keysPerUser = 5;
/** The shortest RSA key IAM takes (IAM API reference, UploadSSHPublicKey: "at least 2048 bits"). */
const minimumKeyBits = 2048;

/** The key bytes of an ssh-rsa line (`ssh-rsa AAAA… comment`) or a PEM block, or null for anything else. */
function keyBytes(body: string): Uint8Array | null {
  const ssh = /^\s*ssh-rsa\s+([A-Za-z0-9+/]+={0,2})(?:\s.*)?$/s.exec(body);
  const pem = /^\s*-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\s]+)-----END \1-----\s*$/.exec(body);
  const encoded = ssh?.[1] ?? pem?.[2]?.replace(/\s/g, '');
  if (!encoded) return null;
  try {
    return base64ToBytes(encoded);
  } catch {
    return null;
  }
}

/**
 * The modulus length in bits of an ssh-rsa key's bytes (the fields `ssh-rsa`, e, n, each after its 4-byte length),
 * or null when the bytes are not that shape. PEM keys are not measured.
 */
function sshRsaBits(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fields: Uint8Array[] = [];
  for (let at = 0; at + 4 <= bytes.length && fields.length < 3; ) {
    const length = view.getUint32(at);
    fields.push(bytes.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  const [kind, , modulus] = fields;
  if (!kind || !modulus || new TextDecoder().decode(kind) !== 'ssh-rsa') return null;
  const significant = modulus.findIndex((byte) => byte !== 0);
  if (significant < 0) return 0;
  return (modulus.length - significant - 1) * 8 + modulus[significant]!.toString(2).length;
}

/** A key's MD5 fingerprint, as colon-separated hex pairs (`c4:a5:…`). */
function fingerprintOf(bytes: Uint8Array): string {
  return md5Hex(bytes).match(/../g)!.join(':');
}

/** The key a request names for the user it names, or IAM's NoSuchEntity. */
function requireKey(ctx: ServiceContext, params: QueryParams): SshPublicKey {
  const user = requireUser(ctx, params.require('UserName'));
  const id = params.require('SSHPublicKeyId');
  const key = ownEntry(sshPublicKeysOf(ctx.account), id);
  if (!key || key.userName !== user.userName)
    throw new AwsError('NoSuchEntity', `The Public Key with id ${id} cannot be found.`, 404);
  return key;
}

function renderKey(key: SshPublicKey): XmlValue {
  return {
    UserName: key.userName,
    SSHPublicKeyId: key.sshPublicKeyId,
    Fingerprint: key.fingerprint,
    SSHPublicKeyBody: key.body,
    Status: key.status,
    UploadDate: key.uploadDate,
  };
}

function readStatus(params: QueryParams): SshPublicKey['status'] {
  return enumValue(params.require('Status'), 'status', ['Active', 'Inactive']);
}

/** The SSH public key operations. */
export const sshPublicKeyOperations: Record<string, QueryOperation> = {
  UploadSSHPublicKey: {
    resource: userResource,
    run(params, ctx) {
      const user = requireUser(ctx, params.require('UserName'));
      const body = params.require('SSHPublicKeyBody');
      const bytes = keyBytes(body);
      if (!bytes)
        throw new AwsError(
          'UnrecognizedPublicKeyEncoding',
          'Request was rejected. The public key encoding format is unsupported or unrecognized.',
        );
      const bits = body.trimStart().startsWith('ssh-rsa') ? sshRsaBits(bytes) : undefined;
      if (bits === null || (bits !== undefined && bits < minimumKeyBits))
        throw new AwsError(
          'InvalidPublicKey',
          'The request was rejected because the public key is malformed or otherwise invalid.',
        );
      const fingerprint = fingerprintOf(bytes);
      const owned = sshPublicKeysOfUser(ctx.account, user.userName);
      if (owned.some((key) => key.fingerprint === fingerprint))
        throw new AwsError('DuplicateSSHPublicKey', 'The SSH public key is already associated with the user.');
      if (owned.length >= keysPerUser)
        throw new AwsError('LimitExceeded', `Cannot exceed quota for PublicKeysPerUser: ${keysPerUser}`, 409);
      const key: SshPublicKey = {
        sshPublicKeyId: sshPublicKeyId(),
        userName: user.userName,
        body,
        fingerprint,
        status: 'Active',
        uploadDate: awsTimestamp(ctx.now),
      };
      sshPublicKeysOf(ctx.account)[key.sshPublicKeyId] = key;
      return { SSHPublicKey: renderKey(key) };
    },
  },

  GetSSHPublicKey: {
    resource: userResource,
    run(params, ctx) {
      enumValue(params.require('Encoding'), 'encoding', ['SSH', 'PEM']);
      return { SSHPublicKey: renderKey(requireKey(ctx, params)) };
    },
  },

  ListSSHPublicKeys: {
    resource: userResource,
    run(params, ctx) {
      const userName = params.get('UserName') ?? ctx.caller?.userName;
      const keys = userName ? sshPublicKeysOfUser(ctx.account, requireUser(ctx, userName).userName) : [];
      const page = pageOf(keys, params);
      return {
        SSHPublicKeys: page.items.map((key) => ({
          UserName: key.userName,
          SSHPublicKeyId: key.sshPublicKeyId,
          Status: key.status,
          UploadDate: key.uploadDate,
        })),
        IsTruncated: page.IsTruncated,
        Marker: page.Marker,
      };
    },
  },

  UpdateSSHPublicKey: {
    resource: userResource,
    run(params, ctx) {
      const status = readStatus(params);
      requireKey(ctx, params).status = status;
      return undefined;
    },
  },

  DeleteSSHPublicKey: {
    resource: userResource,
    run(params, ctx) {
      delete sshPublicKeysOf(ctx.account)[requireKey(ctx, params).sshPublicKeyId];
      return undefined;
    },
  },
};
