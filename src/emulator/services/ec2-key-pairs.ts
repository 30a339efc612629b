/** Key pairs: made by the sandbox (CreateKeyPair) or imported from the learner's own public key. */
import type { ActionResources } from '../authorize';
import { AwsError } from '../aws-error';
import { ec2Id } from '../ids';
import type { ServiceContext } from '../context';
import type { QueryOperation, QueryParams } from '../protocols/query';
import type { KeyPair, RegionState } from '../state';
import type { XmlValue } from '../xml';
import { keyPairResource, requestTagKeys } from './ec2-arns';
import { regionOf } from './ec2-default-vpc';
import { applyFilters, type FilterValues } from './ec2-filters';
import { createKeyMaterial, fingerprintOfImportedKey, openSshPublicKey } from './ec2-key-material';
import { renderTagSet, renderTags, tagsFor } from './ec2-tags';

/** A key pair as DescribeKeyPairs lists it; with its public key only when the request asks (`IncludePublicKey`). */
function renderKeyPair(key: KeyPair, includePublicKey: boolean): XmlValue {
  return {
    keyPairId: key.keyPairId,
    keyType: key.keyType,
    tagSet: renderTags(key.tags),
    keyName: key.keyName,
    keyFingerprint: key.keyFingerprint,
    publicKey: includePublicKey ? key.publicKey : undefined,
    createTime: key.createTime,
  };
}

const keyPairFilters: FilterValues<KeyPair> = {
  'key-name': (k) => [k.keyName],
  'key-pair-id': (k) => [k.keyPairId],
  fingerprint: (k) => [k.keyFingerprint],
};

/** The error EC2 gives for a key pair name or id that names none. */
export function keyPairNotFound(nameOrId: string): AwsError {
  return new AwsError('InvalidKeyPair.NotFound', `The key pair '${nameOrId}' does not exist`);
}

/** The `KeyName` of a new key pair, which no key pair in the region may have already. */
function newKeyName(region: RegionState, params: QueryParams): string {
  const keyName = params.require('KeyName');
  if (region.keyPairs[keyName])
    throw new AwsError('InvalidKeyPair.Duplicate', `The keypair '${keyName}' already exists.`);
  return keyName;
}

/** Stores a new key pair, created or imported, with its id, creation time and the tags the request asks for. */
function saveKeyPair(
  region: RegionState,
  params: QueryParams,
  ctx: ServiceContext,
  key: Pick<KeyPair, 'keyName' | 'keyFingerprint' | 'keyType' | 'publicKey'>,
): KeyPair {
  const saved: KeyPair = {
    keyPairId: ec2Id('key'),
    ...key,
    createTime: ctx.now.toISOString(),
    tags: tagsFor(params, 'key-pair'),
  };
  region.keyPairs[saved.keyName] = saved;
  return saved;
}

/** A new key pair, for IAM: `key-pair/NAME`, with the tags the request asks for it. */
function newKeyPairResource(params: QueryParams, ctx: ServiceContext): ActionResources {
  return [{ ...keyPairResource(ctx, params.require('KeyName')), context: requestTagKeys(tagsFor(params, 'key-pair')) }];
}

/** The name of the key pair DeleteKeyPair names, by name or by id; undefined for an id that names none. */
function keyNameToDelete(params: QueryParams, region: RegionState): string | undefined {
  return (
    params.get('KeyName') ??
    Object.values(region.keyPairs).find((k) => k.keyPairId === params.require('KeyPairId'))?.keyName
  );
}

/** The key pair operations. */
export const keyPairOperations: Record<string, QueryOperation> = {
  CreateKeyPair: {
    resource: newKeyPairResource,
    async run(params, ctx) {
      const region = regionOf(ctx);
      const keyName = newKeyName(region, params);
      const keyType = (params.get('KeyType') ?? 'rsa') as KeyPair['keyType'];
      if (keyType !== 'rsa' && keyType !== 'ed25519')
        throw new AwsError('InvalidParameterValue', `Invalid value '${keyType}' for keyType.`);
      const material = await createKeyMaterial(keyType);
      const key = saveKeyPair(region, params, ctx, {
        keyName,
        keyFingerprint: material.fingerprint,
        keyType,
        // EC2 keeps a key it made with the key's name as the public key's comment, as DescribeKeyPairs shows it.
        publicKey: `${material.publicKey} ${keyName}`,
      });
      return {
        keyName,
        keyFingerprint: key.keyFingerprint,
        keyMaterial: material.privateKey,
        keyPairId: key.keyPairId,
        tagSet: renderTagSet(key.tags),
      };
    },
  },

  ImportKeyPair: {
    resource: newKeyPairResource,
    async run(params, ctx) {
      const region = regionOf(ctx);
      const keyName = newKeyName(region, params);
      let publicKey: string;
      try {
        publicKey = openSshPublicKey(atob(params.require('PublicKeyMaterial')));
      } catch {
        throw new AwsError('InvalidKeyPair.Format', 'Key is not in valid OpenSSH public key format');
      }
      const fingerprint = await fingerprintOfImportedKey(publicKey);
      if (!fingerprint) throw new AwsError('InvalidKeyPair.Format', 'Key is not in valid OpenSSH public key format');
      const key = saveKeyPair(region, params, ctx, {
        keyName,
        keyFingerprint: fingerprint,
        keyType: publicKey.startsWith('ssh-ed25519') ? 'ed25519' : 'rsa',
        publicKey,
      });
      return { keyFingerprint: key.keyFingerprint, keyName, keyPairId: key.keyPairId, tagSet: renderTagSet(key.tags) };
    },
  },

  DescribeKeyPairs: {
    run(params, ctx) {
      const region = regionOf(ctx);
      const names = params.list('KeyName');
      const ids = params.list('KeyPairId');
      const all = Object.values(region.keyPairs);
      const missingName = names.find((name) => !region.keyPairs[name]);
      if (missingName) throw keyPairNotFound(missingName);
      const missingId = ids.find((id) => !all.some((k) => k.keyPairId === id));
      if (missingId) throw keyPairNotFound(missingId);
      const selected = all.filter(
        (k) => (names.length === 0 || names.includes(k.keyName)) && (ids.length === 0 || ids.includes(k.keyPairId)),
      );
      const includePublicKey = params.bool('IncludePublicKey') ?? false;
      return { keySet: applyFilters(selected, params, keyPairFilters).map((k) => renderKeyPair(k, includePublicKey)) };
    },
  },

  DeleteKeyPair: {
    // A key pair id that names none is evaluated as the key pair's name would be: nothing is there to delete.
    resource: (params, ctx) => [
      keyPairResource(ctx, keyNameToDelete(params, regionOf(ctx)) ?? params.require('KeyPairId')),
    ],
    run(params, ctx) {
      const region = regionOf(ctx);
      const name = keyNameToDelete(params, region);
      const key = name ? region.keyPairs[name] : undefined;
      // EC2 answers success for a key that does not exist.
      if (key) delete region.keyPairs[key.keyName];
      return { return: true, keyPairId: key?.keyPairId };
    },
  },
};
