import {
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  GetAccountSummaryCommand,
  type SummaryKeyType,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

async function summary(): Promise<Partial<Record<SummaryKeyType, number>>> {
  const { iam } = clientsFor();
  return (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!;
}

describe('IAM GetAccountSummary in the sandbox', () => {
  it('reports IAM’s default quotas', async () => {
    expect(await summary()).toMatchObject({ UsersQuota: 5000, AccessKeysPerUserQuota: 2, PolicySizeQuota: 6144 });
  });

  it('counts the account’s users and MFA devices', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'ana-phone' }));
    expect(await summary()).toMatchObject({ Users: 1, MFADevices: 1, MFADevicesInUse: 0 });
  });

  it('says the root has access keys while it has one', async () => {
    expect((await summary()).AccountAccessKeysPresent).toBe(1);
  });
});
