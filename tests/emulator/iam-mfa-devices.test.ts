import {
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteUserCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  ListMFADevicesCommand,
  ListVirtualMFADevicesCommand,
} from '@aws-sdk/client-iam';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

/** A new virtual device, with the authenticator app that scanned its seed. */
async function newDevice(name = 'ana-phone') {
  const { iam } = clientsFor();
  const device = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name }))).VirtualMFADevice!;
  const seed = new TextDecoder().decode(device.Base32StringSeed);
  return { device, app: new TOTP({ secret: Secret.fromBase32(seed) }) };
}

/** Two consecutive codes, the one of the previous 30 seconds and the current one, as IAM asks for them. */
function consecutiveCodes(app: TOTP) {
  const now = Date.now();
  return { AuthenticationCode1: app.generate({ timestamp: now - 30_000 }), AuthenticationCode2: app.generate() };
}

describe('IAM virtual MFA devices in the sandbox', () => {
  it('creates a device named by its ARN, with a Base32 seed and a PNG QR code', async () => {
    const { device } = await newDevice();
    expect(device.SerialNumber).toBe('arn:aws:iam::123456789012:mfa/ana-phone');
    expect(new TextDecoder().decode(device.Base32StringSeed)).toMatch(/^[A-Z2-7]{64}$/);
    expect([...device.QRCodePNG!.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('refuses a second device with the same path and name', async () => {
    await newDevice();
    expect(await errorOf(newDevice())).toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'MFADevice entity at the same path and name already exists.',
    });
  });

  it('enables a device for a user given two consecutive codes from it', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    const { device, app } = await newDevice();
    const serial = { UserName: 'ana', SerialNumber: device.SerialNumber };
    await iam.send(new EnableMFADeviceCommand({ ...serial, ...consecutiveCodes(app) }));
    const listed = await iam.send(new ListMFADevicesCommand({ UserName: 'ana' }));
    expect(listed.MFADevices!.map((d) => d.SerialNumber)).toEqual([device.SerialNumber]);
    const assigned = await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }));
    expect(assigned.VirtualMFADevices![0]!.User!.UserName).toBe('ana');
  });

  it('refuses codes that are not the device’s with InvalidAuthenticationCode', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    const { device } = await newDevice();
    const enable = new EnableMFADeviceCommand({
      UserName: 'ana',
      SerialNumber: device.SerialNumber,
      AuthenticationCode1: '234567',
      AuthenticationCode2: '987654',
    });
    expect(await errorOf(iam.send(enable))).toMatchObject({ name: 'InvalidAuthenticationCodeException' });
  });

  it('refuses the same code twice, which is not two consecutive codes', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    const { device, app } = await newDevice();
    const code = app.generate();
    const enable = new EnableMFADeviceCommand({
      UserName: 'ana',
      SerialNumber: device.SerialNumber,
      AuthenticationCode1: code,
      AuthenticationCode2: code,
    });
    expect(await errorOf(iam.send(enable))).toMatchObject({ name: 'InvalidAuthenticationCodeException' });
  });

  it('keeps a user with a device from being deleted until it is deactivated', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    const { device, app } = await newDevice();
    const serial = { UserName: 'ana', SerialNumber: device.SerialNumber };
    await iam.send(new EnableMFADeviceCommand({ ...serial, ...consecutiveCodes(app) }));
    expect(await errorOf(iam.send(new DeleteUserCommand({ UserName: 'ana' })))).toMatchObject({
      name: 'DeleteConflictException',
    });
    await iam.send(new DeactivateMFADeviceCommand(serial));
    await iam.send(new DeleteUserCommand({ UserName: 'ana' }));
  });

  it('refuses to delete a device in use, and deletes it once deactivated', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'ana' }));
    const { device, app } = await newDevice();
    const serial = { UserName: 'ana', SerialNumber: device.SerialNumber };
    await iam.send(new EnableMFADeviceCommand({ ...serial, ...consecutiveCodes(app) }));
    const remove = new DeleteVirtualMFADeviceCommand({ SerialNumber: device.SerialNumber });
    expect(await errorOf(iam.send(remove))).toMatchObject({ name: 'DeleteConflictException' });
    await iam.send(new DeactivateMFADeviceCommand(serial));
    await iam.send(remove);
    expect((await iam.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices).toEqual([]);
  });

  it('answers NoSuchEntity for a device that does not exist', async () => {
    const { iam } = clientsFor();
    const serial = 'arn:aws:iam::123456789012:mfa/not-existing';
    expect(await errorOf(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })))).toMatchObject({
      name: 'NoSuchEntityException',
      message: `VirtualMFADevice with serial number ${serial} doesn't exist.`,
    });
  });

  it('lists unassigned devices apart from assigned ones', async () => {
    const { iam } = clientsFor();
    const { device } = await newDevice();
    const unassigned = await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }));
    expect(unassigned.VirtualMFADevices!.map((d) => d.SerialNumber)).toEqual([device.SerialNumber]);
    const assigned = await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }));
    expect(assigned.VirtualMFADevices).toEqual([]);
  });
});
