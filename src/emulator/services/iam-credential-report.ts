/**
 * IAM's credential report: a CSV with a row for the account's root and one for each user, saying which credentials
 * each has (password, MFA, access keys) and when they were last changed and used, in the columns the IAM User Guide
 * lists ("Getting credential reports"). GenerateCredentialReport makes it (STARTED, then COMPLETE on the next call,
 * as IAM answers); GetCredentialReport hands it out until it is four hours old.
 */
import { AwsError } from '../aws-error';
import { bytesToBase64 } from '../base64';
import type { ServiceContext } from '../context';
import { rootArn } from '../principals';
import type { QueryOperation } from '../protocols/query';
import { mfaDevicesOfUser, type AccessKeyRecord, type IamUser } from '../state';
import { keysOf, userArn } from './iam-users';

/** How long a report lasts before IAM makes a new one: four hours. */
const reportLifetimeMs = 4 * 60 * 60 * 1000;

/** The report's columns, in IAM's order. */
const columns = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  ...[1, 2].flatMap((n) =>
    ['active', 'last_rotated', 'last_used_date', 'last_used_region', 'last_used_service'].map(
      (field) => `access_key_${n}_${field}`,
    ),
  ),
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

type Row = Record<(typeof columns)[number], string>;

/** A time as the report writes it: ISO 8601 to the second, with its offset (`2026-12-03T14:35:00+00:00`). */
const reportTime = (iso: string) => `${new Date(iso).toISOString().slice(0, 19)}+00:00`;

/** The access-key columns of a row: the first two keys, oldest first; N/A where there is no key. */
function keyColumns(keys: AccessKeyRecord[]): Partial<Row> {
  const sorted = [...keys].sort((a, b) => a.createDate.localeCompare(b.createDate));
  return Object.fromEntries(
    [1, 2].flatMap((n) => {
      const key = sorted[n - 1];
      return [
        [`access_key_${n}_active`, String(key?.status === 'Active')],
        [`access_key_${n}_last_rotated`, key ? reportTime(key.createDate) : 'N/A'],
        [`access_key_${n}_last_used_date`, key?.lastUsed ? reportTime(key.lastUsed.date) : 'N/A'],
        [`access_key_${n}_last_used_region`, key?.lastUsed?.region ?? 'N/A'],
        [`access_key_${n}_last_used_service`, key?.lastUsed?.service ?? 'N/A'],
      ];
    }),
  );
}

/** The certificate columns: the sandbox has no signing certificates. */
const noCertificates = {
  cert_1_active: 'false',
  cert_1_last_rotated: 'N/A',
  cert_2_active: 'false',
  cert_2_last_rotated: 'N/A',
};

/** The root's row: it signs in with the account's own password, which IAM does not report on. */
function rootRow(ctx: ServiceContext): Row {
  const keys = keysOf(ctx, null);
  const created = keys.map((key) => key.createDate).sort()[0] ?? ctx.now.toISOString();
  return {
    user: '<root_account>',
    arn: rootArn(ctx.account.accountId),
    user_creation_time: reportTime(created),
    password_enabled: 'not_supported',
    password_last_used: 'no_information',
    password_last_changed: 'not_supported',
    password_next_rotation: 'not_supported',
    mfa_active: 'false',
    ...keyColumns(keys),
    ...noCertificates,
  } as Row;
}

function userRow(ctx: ServiceContext, user: IamUser): Row {
  const profile = user.loginProfile;
  return {
    user: user.userName,
    arn: userArn(ctx, user),
    user_creation_time: reportTime(user.createDate),
    password_enabled: String(profile !== undefined),
    password_last_used: profile ? 'no_information' : 'N/A',
    password_last_changed: profile ? reportTime(profile.createDate) : 'N/A',
    password_next_rotation: 'N/A',
    mfa_active: String(mfaDevicesOfUser(ctx.account, user.userName).length > 0),
    ...keyColumns(keysOf(ctx, user.userName)),
    ...noCertificates,
  } as Row;
}

/** The report's CSV, as of now. */
function reportCsv(ctx: ServiceContext): string {
  const rows = [rootRow(ctx), ...Object.values(ctx.account.iam.users).map((user) => userRow(ctx, user))];
  return [columns.join(','), ...rows.map((row) => columns.map((column) => row[column]).join(','))].join('\n');
}

const isFresh = (ctx: ServiceContext, generatedTime: string) =>
  ctx.now.getTime() - Date.parse(generatedTime) < reportLifetimeMs;

/** The credential report operations. */
export const credentialReportOperations: Record<string, QueryOperation> = {
  GenerateCredentialReport: {
    run(_params, ctx) {
      const report = ctx.account.iam.credentialReport;
      if (report && isFresh(ctx, report.generatedTime)) return { State: 'COMPLETE' };
      ctx.account.iam.credentialReport = { generatedTime: ctx.now.toISOString(), content: reportCsv(ctx) };
      return { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' };
    },
  },

  GetCredentialReport: {
    run(_params, ctx) {
      const report = ctx.account.iam.credentialReport;
      if (!report)
        throw new AwsError(
          'ReportNotPresent',
          'Unable to find a Credential Report. Use GenerateCredentialReport to generate a report.',
          410,
        );
      if (!isFresh(ctx, report.generatedTime))
        throw new AwsError(
          'ReportExpired',
          'The Credential Report has expired. Use GenerateCredentialReport to generate a new report.',
          410,
        );
      return {
        Content: bytesToBase64(new TextEncoder().encode(report.content)),
        ReportFormat: 'text/csv',
        GeneratedTime: new Date(report.generatedTime).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      };
    },
  },
};
