import { fileNameSlug } from '../lib/file-name-slug';
import type { Progress } from './schema';

/** The learner's own calendar date, `2026-12-04`: a file downloaded just after midnight carries the day it is. */
function localDate(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The name of a downloaded progress file, after the learner and the day, such as
 * `awscourse-progress-eleve-numero-7-2026-12-04.json`.
 * The learner's name comes first, then the id their instructor knows them by, then `learner` when neither gives a
 * letter or a digit. Every part is a slug, so the name is safe on every OS and sorts a class's files by learner.
 */
export function progressFileName(learner: Progress['learner'], now: Date): string {
  const who = fileNameSlug(learner.name ?? '') || fileNameSlug(learner.rosterId ?? '') || 'learner';
  return `awscourse-progress-${who}-${localDate(now)}.json`;
}
