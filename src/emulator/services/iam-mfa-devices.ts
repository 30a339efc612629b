/**
 * IAM's virtual MFA devices: CreateVirtualMFADevice gives the TOTP secret (RFC 6238: SHA-1, six digits, 30 seconds) as
 * Base32 and as a QR code; EnableMFADevice assigns a device to a user once two consecutive codes from it check out.
 * The sandbox has no hardware or FIDO devices, so a serial number it did not make is one it cannot find.
 */
import { Secret, TOTP } from 'otpauth';
import { AwsError } from '../aws-error';
import { bytesToBase64 } from '../base64';
import type { ServiceContext } from '../context';
import type { QueryOperation, QueryParams } from '../protocols/query';
import { qrPng } from '../qr-png';
import { mfaDevicesOf, mfaDevicesOfUser, type IamUser, type MfaDevice } from '../state';
import type { XmlValue } from '../xml';
import { awsTimestamp } from '../../lib/aws-timestamp';
import { ownEntry } from '../../lib/name-record';
import { validateName, validatePath } from './iam-names';
import { pageOf } from './iam-paging';
import { readTags, renderTags } from './iam-tags';
import { renderUser, requireUser, userResource } from './iam-users';

/** The secret's size: 40 bytes, the 64 Base32 characters IAM's seeds have. */
const seedBytes = 40;
/** How many 30-second steps either side of the sandbox's clock a code may come from (an app's clock drifts). */
const driftSteps = 5;

/** The TOTP generator of a device, as the authenticator app that scanned its QR code runs it. */
function totpOf(ctx: ServiceContext, device: MfaDevice): TOTP {
  const label = `${device.serialNumber.split('/').pop()}@${ctx.account.accountId}`;
  return new TOTP({ issuer: 'Amazon Web Services', label, secret: Secret.fromBase32(device.base32Seed) });
}

/** The device a serial number names in the account, or IAM's NoSuchEntity. */
function requireDevice(ctx: ServiceContext, serialNumber: string): MfaDevice {
  const device = ownEntry(mfaDevicesOf(ctx.account), serialNumber);
  if (!device)
    throw new AwsError('NoSuchEntity', `VirtualMFADevice with serial number ${serialNumber} doesn't exist.`, 404);
  return device;
}

/** An authentication code as IAM takes it: six digits, else its ValidationError. */
function readCode(params: QueryParams, name: 'AuthenticationCode1' | 'AuthenticationCode2'): string {
  const code = params.require(name);
  if (!/^\d{6}$/.test(code))
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${code}' at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to ` +
        'satisfy constraint: Member must satisfy regular expression pattern: [\\d]+ and length 6',
    );
  return code;
}

/** Checks that the two codes are the device's, one step after the other, near the sandbox's clock. */
function checkConsecutiveCodes(ctx: ServiceContext, device: MfaDevice, first: string, second: string): void {
  const totp = totpOf(ctx, device);
  const timestamp = ctx.now.getTime();
  const firstStep = totp.validate({ token: first, timestamp, window: driftSteps });
  const secondStep = totp.validate({ token: second, timestamp, window: driftSteps });
  if (firstStep === null || secondStep !== firstStep + 1)
    throw new AwsError('InvalidAuthenticationCode', 'Authentication code for device is not valid.', 403);
}

/** The user an MFA call names, and the device it names enabled for that user, or IAM's NoSuchEntity. */
function requireEnabledDevice(ctx: ServiceContext, params: QueryParams): { user: IamUser; device: MfaDevice } {
  const user = requireUser(ctx, params.require('UserName'));
  const serialNumber = params.require('SerialNumber');
  const device = ownEntry(mfaDevicesOf(ctx.account), serialNumber);
  if (!device || device.userName !== user.userName)
    throw new AwsError(
      'NoSuchEntity',
      `MFA Device with serial number ${serialNumber} does not exist for user ${user.userName}.`,
      404,
    );
  return { user, device };
}

/** A device as ListVirtualMFADevices answers it: the user it is enabled for, never its secret. */
function renderListedDevice(ctx: ServiceContext, device: MfaDevice): XmlValue {
  const user = device.userName ? ownEntry(ctx.account.iam.users, device.userName) : undefined;
  return {
    SerialNumber: device.serialNumber,
    User: user && renderUser(ctx, user),
    EnableDate: device.enableDate,
    Tags: renderTags(device.tags),
  };
}

const assignmentFilters: Record<string, (device: MfaDevice) => boolean> = {
  Assigned: (device) => device.userName !== undefined,
  Unassigned: (device) => device.userName === undefined,
  Any: () => true,
};

const serialNumberResource = (params: QueryParams) => params.get('SerialNumber') ?? '*';

/** The virtual MFA device operations. */
export const mfaDeviceOperations: Record<string, QueryOperation> = {
  CreateVirtualMFADevice: {
    resource: (params, ctx) =>
      `arn:aws:iam::${ctx.account.accountId}:mfa${params.get('Path') ?? '/'}${params.get('VirtualMFADeviceName')}`,
    async run(params, ctx) {
      const name = validateName(params.require('VirtualMFADeviceName'), 'virtualMFADeviceName', 226);
      const path = validatePath(params.get('Path'));
      const serialNumber = `arn:aws:iam::${ctx.account.accountId}:mfa${path}${name}`;
      const devices = mfaDevicesOf(ctx.account);
      if (ownEntry(devices, serialNumber))
        throw new AwsError('EntityAlreadyExists', 'MFADevice entity at the same path and name already exists.', 409);
      const device: MfaDevice = {
        serialNumber,
        base32Seed: new Secret({ size: seedBytes }).base32,
        createDate: awsTimestamp(ctx.now),
        tags: readTags(params),
      };
      devices[serialNumber] = device;
      const seed = new TextEncoder().encode(device.base32Seed);
      return {
        VirtualMFADevice: {
          SerialNumber: serialNumber,
          Base32StringSeed: bytesToBase64(seed),
          QRCodePNG: bytesToBase64(await qrPng(totpOf(ctx, device).toString())),
          Tags: renderTags(device.tags),
        },
      };
    },
  },

  EnableMFADevice: {
    resource: userResource,
    run(params, ctx) {
      const user = requireUser(ctx, params.require('UserName'));
      const device = requireDevice(ctx, params.require('SerialNumber'));
      const [first, second] = [readCode(params, 'AuthenticationCode1'), readCode(params, 'AuthenticationCode2')];
      if (device.userName !== undefined)
        throw new AwsError('EntityAlreadyExists', 'MFA Device is already in use.', 409);
      checkConsecutiveCodes(ctx, device, first, second);
      device.userName = user.userName;
      device.enableDate = awsTimestamp(ctx.now);
      return undefined;
    },
  },

  DeactivateMFADevice: {
    resource: userResource,
    run(params, ctx) {
      const { device } = requireEnabledDevice(ctx, params);
      delete device.userName;
      delete device.enableDate;
      return undefined;
    },
  },

  DeleteVirtualMFADevice: {
    resource: serialNumberResource,
    run(params, ctx) {
      const device = requireDevice(ctx, params.require('SerialNumber'));
      if (device.userName !== undefined)
        throw new AwsError('DeleteConflict', 'MFA VirtualDevice in use. Must deactivate first.', 409);
      delete mfaDevicesOf(ctx.account)[device.serialNumber];
      return undefined;
    },
  },

  ListMFADevices: {
    resource: userResource,
    run(params, ctx) {
      const userName = params.get('UserName') ?? ctx.caller?.userName;
      const devices = userName ? mfaDevicesOfUser(ctx.account, requireUser(ctx, userName).userName) : [];
      const page = pageOf(devices, params);
      return {
        MFADevices: page.items.map((device) => ({
          UserName: device.userName,
          SerialNumber: device.serialNumber,
          EnableDate: device.enableDate,
        })),
        IsTruncated: page.IsTruncated,
        Marker: page.Marker,
      };
    },
  },

  ListVirtualMFADevices: {
    run(params, ctx) {
      const status = params.get('AssignmentStatus') ?? 'Any';
      const wanted = ownEntry(assignmentFilters, status);
      if (!wanted)
        throw new AwsError(
          'ValidationError',
          `1 validation error detected: Value '${status}' at 'assignmentStatus' failed to satisfy constraint: ` +
            'Member must satisfy enum value set: [Unassigned, Any, Assigned]',
        );
      const page = pageOf(Object.values(mfaDevicesOf(ctx.account)).filter(wanted), params);
      return {
        VirtualMFADevices: page.items.map((device) => renderListedDevice(ctx, device)),
        IsTruncated: page.IsTruncated,
        Marker: page.Marker,
      };
    },
  },
};
