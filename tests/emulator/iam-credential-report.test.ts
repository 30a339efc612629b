import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

/** The report's rows, each by its column names. */
async function reportRows() {
  const { iam } = clientsFor();
  const { Content } = await iam.send(new GetCredentialReportCommand({}));
  const [header, ...lines] = new TextDecoder().decode(Content).split('\n');
  const columns = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [columns[i], value])));
}

describe('the IAM credential report in the sandbox', () => {
  it('answers ReportNotPresent before a report is generated', async () => {
    const { iam } = clientsFor();
    expect(await errorOf(iam.send(new GetCredentialReportCommand({})))).toMatchObject({
      name: 'CredentialReportNotPresentException',
    });
  });

  it('starts a report, then says it is complete', async () => {
    const { iam } = clientsFor();
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('STARTED');
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE');
  });

  it('has a row for the root and one for each user, saying which credentials each has', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'ana', Password: 'Correct-Horse-9' }));
    await iam.send(new CreateAccessKeyCommand({ UserName: 'ana' }));
    await iam.send(new GenerateCredentialReportCommand({}));
    const [root, ana] = await reportRows();
    expect(root).toMatchObject({ user: '<root_account>', arn: 'arn:aws:iam::123456789012:root' });
    expect(ana).toMatchObject({
      user: 'ana',
      password_enabled: 'true',
      mfa_active: 'false',
      access_key_1_active: 'true',
      access_key_2_active: 'false',
      access_key_2_last_rotated: 'N/A',
    });
  });

  it('reports the account as it was when the report was generated', async () => {
    const { iam } = clientsFor();
    await iam.send(new GenerateCredentialReportCommand({}));
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    expect((await reportRows()).map((row) => row.user)).toEqual(['<root_account>']);
  });
});
