import {
  CreateSAMLProviderCommand,
  DeleteSAMLProviderCommand,
  GetSAMLProviderCommand,
  ListSAMLProvidersCommand,
  UpdateSAMLProviderCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

/** An identity provider's SAML 2.0 metadata, valid until `validUntil`, padded past IAM's 1,000-character minimum. */
function metadata(validUntil = '2030-01-01T00:00:00Z') {
  return (
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com" ` +
    `validUntil="${validUntil}"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" ` +
    `Location="https://idp.example.com/sso/${'x'.repeat(800)}"/></md:IDPSSODescriptor></md:EntityDescriptor>`
  );
}

describe('IAM SAML providers in the sandbox', () => {
  it('creates a provider named by its ARN and keeps its metadata and validUntil', async () => {
    const { iam } = clientsFor();
    const created = await iam.send(new CreateSAMLProviderCommand({ Name: 'corp', SAMLMetadataDocument: metadata() }));
    expect(created.SAMLProviderArn).toBe('arn:aws:iam::123456789012:saml-provider/corp');
    const read = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: created.SAMLProviderArn }));
    expect(read.SAMLMetadataDocument).toBe(metadata());
    expect(read.ValidUntil).toEqual(new Date('2030-01-01T00:00:00Z'));
  });

  it('refuses a document that is not SAML metadata with InvalidInput', async () => {
    const { iam } = clientsFor();
    const create = new CreateSAMLProviderCommand({ Name: 'corp', SAMLMetadataDocument: 'a'.repeat(1024) });
    expect(await errorOf(iam.send(create))).toMatchObject({
      name: 'InvalidInputException',
      message: 'Could not parse metadata',
    });
  });

  it('refuses a second provider with the same name', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateSAMLProviderCommand({ Name: 'corp', SAMLMetadataDocument: metadata() }));
    const again = new CreateSAMLProviderCommand({ Name: 'corp', SAMLMetadataDocument: metadata() });
    expect(await errorOf(iam.send(again))).toMatchObject({ name: 'EntityAlreadyExistsException' });
  });

  it('updates, lists and deletes a provider', async () => {
    const { iam } = clientsFor();
    const { SAMLProviderArn } = await iam.send(
      new CreateSAMLProviderCommand({ Name: 'corp', SAMLMetadataDocument: metadata() }),
    );
    const renewed = metadata('2031-06-01T00:00:00Z');
    await iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn, SAMLMetadataDocument: renewed }));
    const listed = (await iam.send(new ListSAMLProvidersCommand({}))).SAMLProviderList!;
    expect(listed).toMatchObject([{ Arn: SAMLProviderArn, ValidUntil: new Date('2031-06-01T00:00:00Z') }]);
    await iam.send(new DeleteSAMLProviderCommand({ SAMLProviderArn }));
    expect((await iam.send(new ListSAMLProvidersCommand({}))).SAMLProviderList).toEqual([]);
  });

  it('answers NoSuchEntity for a provider the account does not have', async () => {
    const { iam } = clientsFor();
    const get = new GetSAMLProviderCommand({ SAMLProviderArn: 'arn:aws:iam::123456789012:saml-provider/none' });
    expect(await errorOf(iam.send(get))).toMatchObject({ name: 'NoSuchEntityException' });
  });
});
