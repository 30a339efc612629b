import { AssumeRoleWithSAMLCommand, AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/emulator/sandbox';
import { sandboxRequestHandler } from '../../src/emulator/sdk-handler';
import { errorOf } from './error-of';

/** An STS client that reaches the sandbox at a bare endpoint, as `aws --endpoint-url` does; these calls go unsigned. */
function stsAtEndpoint() {
  return new STSClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:4566',
    requestHandler: sandboxRequestHandler(createSandbox()),
    maxAttempts: 1,
  });
}

const roleArn = 'arn:aws:iam::123456789012:role/WebRole';
const jwtPart = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '');

describe('STS federated sign-ins, unsigned at a bare endpoint', () => {
  it('refuses a web identity token from a provider the account does not have, in STS’s words', async () => {
    const token = [jwtPart({ alg: 'RS256' }), jwtPart({ iss: 'https://accounts.example.com' }), 'sig'].join('.');
    const call = stsAtEndpoint().send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: 'web', WebIdentityToken: token }),
    );
    expect(await errorOf(call)).toEqual({
      name: 'InvalidIdentityTokenException',
      message: 'No OpenIDConnect provider found in your account for https://accounts.example.com',
      status: 400,
    });
  });

  it('refuses a web identity token that is not a JWT', async () => {
    const call = stsAtEndpoint().send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: 'web', WebIdentityToken: 'opaque' }),
    );
    expect((await errorOf(call)).message).toContain('not a valid JWT');
  });

  it('refuses a SAML assertion, since no SAML provider can have signed it', async () => {
    const call = stsAtEndpoint().send(
      new AssumeRoleWithSAMLCommand({
        RoleArn: roleArn,
        PrincipalArn: 'arn:aws:iam::123456789012:saml-provider/corp',
        SAMLAssertion: btoa('<samlp:Response/>'.padEnd(40, ' ')),
      }),
    );
    expect(await errorOf(call)).toMatchObject({ name: 'InvalidIdentityTokenException', status: 400 });
  });

  it('takes no other STS action unsigned at a bare endpoint', async () => {
    const response = await createSandbox().handle(
      new Request('http://127.0.0.1:4566/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=GetCallerIdentity&Version=2011-06-15',
      }),
    );
    expect(response.status).toBe(405);
  });
});
