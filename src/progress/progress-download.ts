import type { z } from 'zod';
import { parseJsonRecords } from '../lib/name-record';
import { progressFileName } from './progress-file-name';
import { redactCredentials } from './redact-credentials';
import { type Progress, progressSchema } from './schema';

/** A file for the browser to save: its name and its text. */
export interface ProgressFile {
  /** The file's name, e.g. `awscourse-progress-eleve-numero-7-2026-12-04.json`. */
  name: string;
  /** The record as indented JSON. */
  text: string;
}

/** Why the record cannot be downloaded, and what to do. */
export interface ProgressDownloadProblem {
  /** What is wrong, naming every field at fault. */
  problem: string;
  /** What the learner can do. */
  hint: string;
}

/** Every issue of a failed parse, as `where: what` phrases. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * The learner's record as the file they hand in: the versioned JSON record with access key ids masked and secret
 * access keys removed wherever they appear, checked against the progress schema as it will be read. Fields this
 * version does not know are kept, as in every progress file. A record the schema refuses is not offered at all, so
 * an instructor never receives a file their tools reject.
 */
export function progressDownload(progress: Progress, now: Date): { file: ProgressFile } | ProgressDownloadProblem {
  const text = `${redactCredentials(JSON.stringify(progress, null, 2))}\n`;
  const checked = progressSchema.safeParse(parseJsonRecords(text));
  if (!checked.success) {
    return {
      problem: `Your progress record in this browser cannot be made into a file (${describeIssues(checked.error)}).`,
      hint: 'Nothing was downloaded and the record was left as it is. Tell your instructor what this message says.',
    };
  }
  return { file: { name: progressFileName(progress.learner, now), text } };
}
