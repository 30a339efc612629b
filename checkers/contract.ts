import type { EC2Client } from '@aws-sdk/client-ec2';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { RekognitionClient } from '@aws-sdk/client-rekognition';
import type { S3Client } from '@aws-sdk/client-s3';
import type { STSClient } from '@aws-sdk/client-sts';
import type { z } from 'zod';
import type { ExerciseId } from '../src/lessons/schema';
import type { ParamsSchema } from './params';
import type { CheckStatus } from './status';
import type { AskPhrases } from './surface';

export type { CheckStatus };

/** What one check found: a message always, a hint for a failure, and the resource ids it looked at. */
export interface CheckOutcome {
  status: CheckStatus;
  message: string;
  hint?: string;
  evidence?: Record<string, unknown>;
}

/** A check's outcome with its id and title, as results carry it. */
export interface CheckResult extends CheckOutcome {
  id: string;
  title: string;
}

/** The AWS SDK clients a checker may use, for the region being checked; `inRegion` gives the same for another. */
export interface CheckerAws {
  region: string;
  ec2: EC2Client;
  iam: IAMClient;
  s3: S3Client;
  sts: STSClient;
  rekognition: RekognitionClient;
  inRegion(region: string): CheckerAws;
  /** Where S3 objects are reached without signing, for "is it private?" checks: the bucket's URL for a key. */
  objectUrl(bucket: string, region: string, key: string): string;
}

/** Everything `collect` may use. Checkers import no emulator and no DOM: only these clients and `fetch`. */
export interface CheckerContext<Params> {
  aws: CheckerAws;
  region: string;
  params: Params;
  /** For the learner's own app (exercises 5 and 6) and unsigned S3 requests. */
  fetch: typeof fetch;
  now: Date;
  /** The access key id the checker runs with (never the secret), so key-cleanup can tell if it is the doomed one. */
  accessKeyId?: string;
}

/** One check: a pure function of the snapshot, run only when the checks it requires passed. */
export interface CheckDefinition<Snapshot, Params> {
  id: string;
  title: string;
  /** Ids of checks that must pass (or warn) first; otherwise this one is skipped, saying which failed. */
  requires?: string[];
  run(snapshot: Snapshot, params: Params, facts: RunFacts): CheckOutcome;
}

/** What the runner knows about the run itself, for checks that compare against it. */
export interface RunFacts {
  /** The account the credentials belong to. */
  account?: string;
  region: string;
  /** How to say "change this and check again" where the result is shown (a flag, or a Verify panel field). */
  ask: AskPhrases;
}

/** A checker module: what it checks, with which read-only permissions, how it collects and how it judges. */
export interface Checker<Params, Snapshot> {
  id: ExerciseId;
  title: string;
  /** The lesson the checker belongs to (`week-1/exercise-3`). */
  lesson: string;
  /** Bumped when what the checker asks changes, so progress records say which rules they were judged by. */
  version: string;
  /** Every IAM action collect may call; `awscourse policy` prints their union. All must be read-only. */
  permissions: readonly string[];
  /** The parameters, with the course's names as defaults, each registered with its label and hint (`paramMeta`). */
  params: ParamsSchema & z.ZodType<Params, z.input<z.ZodType<Params>>>;
  /** Every API call, independent ones in parallel; returns plain data. */
  collect(ctx: CheckerContext<Params>): Promise<Snapshot>;
  checks: readonly CheckDefinition<Snapshot, Params>[];
}

/** Declares a checker; the identity function, there for the types. */
export function defineChecker<Params, Snapshot>(checker: Checker<Params, Snapshot>): Checker<Params, Snapshot> {
  return checker;
}

/** Shorthands for outcomes, so checks read like the exercise's instructions. */
export const pass = (message: string, evidence?: Record<string, unknown>): CheckOutcome => ({
  status: 'pass',
  message,
  evidence,
});
export const fail = (message: string, hint: string, evidence?: Record<string, unknown>): CheckOutcome => ({
  status: 'fail',
  message,
  hint,
  evidence,
});
export const warn = (message: string, hint: string, evidence?: Record<string, unknown>): CheckOutcome => ({
  status: 'warn',
  message,
  hint,
  evidence,
});
export const skip = (message: string): CheckOutcome => ({ status: 'skip', message });
