/**
 * IAM's SAML identity providers: the metadata document an identity provider publishes, which IAM parses (its root is
 * a SAML 2.0 `EntityDescriptor`) and keeps, with the `validUntil` it states.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import type { QueryOperation, QueryParams } from '../protocols/query';
import { samlProvidersOf, type SamlProvider } from '../state';
import { awsTimestamp } from '../../lib/aws-timestamp';
import { ownEntry } from '../../lib/name-record';
import { readTags, renderTags } from './iam-tags';

const metadataParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true });

/** The root `EntityDescriptor` of a SAML metadata document, or IAM's InvalidInput when it is not one. */
function entityDescriptorOf(document: string): Record<string, unknown> {
  const root =
    XMLValidator.validate(document) === true
      ? (metadataParser.parse(document) as Record<string, unknown>).EntityDescriptor
      : undefined;
  if (typeof root !== 'object' || root === null) throw new AwsError('InvalidInput', 'Could not parse metadata');
  return root as Record<string, unknown>;
}

/** A metadata document as IAM takes it: 1,000 to 10,000,000 characters of SAML metadata. */
function readMetadata(params: QueryParams): string {
  const document = params.require('SAMLMetadataDocument');
  if (document.length < 1000 || document.length > 10_000_000)
    throw new AwsError(
      'ValidationError',
      "1 validation error detected: Value at 'sAMLMetadataDocument' failed to satisfy constraint: Member must have " +
        'length between 1000 and 10000000',
    );
  entityDescriptorOf(document);
  return document;
}

/** Until when the provider's metadata says it is valid, if it says. */
function validUntilOf(provider: SamlProvider): string | undefined {
  const stated = entityDescriptorOf(provider.metadataDocument).validUntil;
  return typeof stated === 'string' && !Number.isNaN(Date.parse(stated)) ? awsTimestamp(new Date(stated)) : undefined;
}

function providerArn(ctx: ServiceContext, name: string): string {
  return `arn:aws:iam::${ctx.account.accountId}:saml-provider/${name}`;
}

/** The provider an ARN names in the account, or IAM's NoSuchEntity. */
export function requireSamlProvider(ctx: ServiceContext, arn: string): SamlProvider {
  const name = arn.startsWith(providerArn(ctx, '')) ? arn.slice(providerArn(ctx, '').length) : '';
  const provider = ownEntry(samlProvidersOf(ctx.account), name);
  if (!provider) throw new AwsError('NoSuchEntity', `Manifest not found for arn ${arn}`, 404);
  return provider;
}

const arnResource = (params: QueryParams) => params.get('SAMLProviderArn') ?? '*';

/** The SAML provider operations. */
export const samlProviderOperations: Record<string, QueryOperation> = {
  CreateSAMLProvider: {
    resource: (params, ctx) => providerArn(ctx, params.get('Name') ?? ''),
    run(params, ctx) {
      const name = params.require('Name');
      if (!/^[\w._-]{1,128}$/.test(name))
        throw new AwsError(
          'ValidationError',
          `1 validation error detected: Value '${name.slice(0, 80)}' at 'name' failed to satisfy constraint: Member ` +
            'must satisfy regular expression pattern: [\\w._-]+ and length between 1 and 128',
        );
      const metadataDocument = readMetadata(params);
      const providers = samlProvidersOf(ctx.account);
      if (ownEntry(providers, name))
        throw new AwsError('EntityAlreadyExists', `SAMLProvider ${name} already exists.`, 409);
      providers[name] = { name, metadataDocument, createDate: awsTimestamp(ctx.now), tags: readTags(params) };
      return { SAMLProviderArn: providerArn(ctx, name), Tags: renderTags(providers[name].tags) };
    },
  },

  GetSAMLProvider: {
    resource: arnResource,
    run(params, ctx) {
      const provider = requireSamlProvider(ctx, params.require('SAMLProviderArn'));
      return {
        SAMLMetadataDocument: provider.metadataDocument,
        CreateDate: provider.createDate,
        ValidUntil: validUntilOf(provider),
        Tags: renderTags(provider.tags),
      };
    },
  },

  ListSAMLProviders: {
    run(_params, ctx) {
      return {
        SAMLProviderList: Object.values(samlProvidersOf(ctx.account)).map((provider) => ({
          Arn: providerArn(ctx, provider.name),
          ValidUntil: validUntilOf(provider),
          CreateDate: provider.createDate,
        })),
      };
    },
  },

  UpdateSAMLProvider: {
    resource: arnResource,
    run(params, ctx) {
      const provider = requireSamlProvider(ctx, params.require('SAMLProviderArn'));
      provider.metadataDocument = readMetadata(params);
      return { SAMLProviderArn: providerArn(ctx, provider.name) };
    },
  },

  DeleteSAMLProvider: {
    resource: arnResource,
    run(params, ctx) {
      delete samlProvidersOf(ctx.account)[requireSamlProvider(ctx, params.require('SAMLProviderArn')).name];
      return undefined;
    },
  },
};
