/**
 * A class's progress as CSV, for a spreadsheet, a data tool or an LMS's gradebook. Two shapes:
 *
 * - **tidy**: one row per check of every Verify attempt (an attempt with no checks, one that could not reach the
 *   account, still has its row), with the learner, the attempt and the check's outcome, message, hint and evidence
 *   (as compact JSON). For filtering and pivoting: which check holds the class back, who checked which account. The
 *   rows come file by file, in the files' order, so that a class is never held whole: `learner_id` is the record id
 *   of the file the attempt is in, `roster_id` and `name` are the learner's (from any of their files), and an
 *   attempt that two files of one record hold (an earlier and a later download) is written once.
 * - **gradebook**: one row per learner, one column per exercise and the quiz average, as scores out of 100. An
 *   exercise passed at least once scores 100 (the ✓ of the report's table); one attempted and never passed scores
 *   its best attempt's share of passing checks (warnings pass), so 4 of 6 checks is 66.67; one never attempted is
 *   left empty, which Canvas and Moodle both import as "no grade", so the course's own missing-work policy applies
 *   rather than a zero this file would impose. The quiz average is the mean share of right answers over the quizzes
 *   the learner finished, out of 100, empty with none finished. Scores keep two decimals.
 *
 * The gradebook can be laid out for an LMS's import:
 *
 * - **canvas** (Grades › Import): the columns `Student`, `ID`, `SIS User ID`, `SIS Login ID`, `Section` come before
 *   the scores, and a `Points Possible` row under the header gives each new assignment 100 points. Canvas matches a
 *   row by its Canvas ID (which a progress file cannot know, so it is empty), then its SIS User ID, then its SIS Login
 *   ID, then the student's name: a roster id that is an e-mail address goes in `SIS Login ID`, any other (a student
 *   number) in `SIS User ID`.
 * - **moodle** (Grades › Import › CSV file): the learner is found by the column chosen under "Identify user by". A
 *   roster id that is an e-mail address goes in `Email address`, any other in `ID number`; Moodle skips the rows whose
 *   chosen column is empty, so a class that gave both kinds imports in two passes, one per column.
 *
 * Every text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so that a
 * spreadsheet shows it rather than running it as a formula (OWASP's advice on CSV injection): a learner types their
 * own name, and a check's message quotes what it found in their account. Numbers are written as numbers.
 */
import Papa from 'papaparse';
import { exerciseIds } from '../lessons/schema';
import type { ClassCsvOptions, LmsId } from './class-csv-options';
import { type ClassLearner, type ClassRow, classMatrix, type ReadRecord } from './class-progress';
import { type AttemptSummary, attemptKey } from './progress-summary';
import { firstOfEachKey, type RecordOwner, recordOwners } from './record-owners';
import type { Progress, VerifyAttempt } from './schema';

/**
 * A class as its CSV is made from it: the learners, merged from their files, for the gradebook; and the files'
 * records in order, for the tidy shape's every check. `records` is gone through once, and only for the tidy shape,
 * so it may read the files again as it goes.
 */
export interface CsvClass {
  learners: ClassLearner[];
  records: Iterable<ReadRecord>;
}

/** One cell: text, a number (written as one, never quoted or escaped), or nothing (an empty cell). */
export type CsvCell = string | number | undefined;

/** Rows that start with the same cells, such as the checks of one attempt: the shared cells are written once. */
export interface CsvRowGroup {
  /** The cells every row of the group starts with; none for rows that share nothing. */
  lead: CsvCell[];
  /** Each row's own cells, after the lead. */
  rows: CsvCell[][];
  /** What tells the group from a copy of it in another of the learner's files: only the first of a key is written. */
  key?: string;
}

/** A CSV before it is written: its header lines, then its rows in groups, produced as they are written. */
export interface CsvTable {
  header: CsvCell[][];
  groups: Iterable<CsvRowGroup>;
}

/**
 * The cells a spreadsheet would run as a formula, by OWASP's list. Anchored at the start only, unlike papaparse's own
 * pattern (`/^[=+\-@\t\r].*$/`), which lets a cell through when a line break follows its formula.
 */
const formulaStart = /^[=+\-@\t\r]/;

/** Rows turned into text at once: large enough to make few pieces, small enough to hold little. */
const rowsPerPiece = 2000;

/** Whether a roster id is an e-mail address (an LMS's login) rather than a student number (its SIS id). */
const isEmailAddress = (rosterId: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(rosterId);

/** A share (0..1) as a score out of 100 with two decimals. */
const outOf100 = (share: number) => Math.round(share * 10_000) / 100;

/** The tidy shape's columns: the learner, the attempt, then the check. */
const tidyHeader = [
  'learner_id',
  'roster_id',
  'name',
  'exercise',
  'attempted_at',
  'mode',
  'region',
  'account',
  'attempt_status',
  'duration_ms',
  'checker_version',
  'check_id',
  'check_title',
  'check_status',
  'message',
  'hint',
  'evidence',
];

/** A check's cells in the tidy shape; all empty for none. */
const checkCells = (check: VerifyAttempt['checks'][number] | undefined): CsvCell[] => [
  check?.id,
  check?.title,
  check?.status,
  check?.message,
  check?.hint,
  check?.evidence && JSON.stringify(check.evidence),
];

/** The tidy shape's header line, for a writer that makes the rest of the file from {@link tidyGroupsOfRecord}. */
export const tidyHeaderText = () => `${unparse([tidyHeader])}\r\n`;

/**
 * A record's tidy rows, a group per attempt: one row per check, or one for an attempt without checks. The attempts
 * of a learner of several files carry a key (record id, exercise and instant), so that one that two files hold is
 * written once, as their merged record has it; a learner of one file has every attempt the file holds, as the table
 * counts them.
 */
export function* tidyGroupsOfRecord(progress: Progress, owner: RecordOwner): Generator<CsvRowGroup> {
  for (const attempt of progress.attempts) {
    const lead = [
      progress.learner.id,
      owner.rosterId,
      owner.name,
      attempt.exercise,
      attempt.at,
      attempt.mode,
      attempt.region,
      attempt.account,
      attempt.status,
      attempt.durationMs,
      attempt.checkerVersion,
    ];
    // An attempt that could not check anything still shows, with its check's cells empty.
    const rows = attempt.checks.length ? attempt.checks.map(checkCells) : [checkCells(undefined)];
    yield owner.merged ? { lead, rows, key: `${progress.learner.id}\n${attemptKey(attempt)}` } : { lead, rows };
  }
}

/** Every file's tidy rows, file by file; a record of no learner of the class (a file changed since) has none. */
function* tidyGroups({ learners, records }: CsvClass): Generator<CsvRowGroup> {
  const owners = recordOwners(learners);
  for (const { progress } of records) {
    const owner = owners.get(progress.learner.id);
    if (owner) yield* tidyGroupsOfRecord(progress, owner);
  }
}

/** The best share of passing checks among attempts (0 for an attempt that has none). */
function bestShare(attempts: AttemptSummary[]): number {
  return Math.max(0, ...attempts.map((a) => (a.checkCount ? a.passedChecks / a.checkCount : 0)));
}

/** A learner's scores, in the order of `exerciseIds`, then the quiz average. */
function scoresOf(row: ClassRow): CsvCell[] {
  const scores = exerciseIds.map((exercise) => {
    const { status } = row.exercises[exercise];
    if (status === 'none') return undefined;
    if (status === 'passed') return 100;
    return outOf100(bestShare(row.learner.progress.attempts.filter((attempt) => attempt.exercise === exercise)));
  });
  return [...scores, row.quizAverage === undefined ? undefined : outOf100(row.quizAverage)];
}

/** A roster id in the column it belongs to: the first for an e-mail address, the second for anything else. */
const rosterIdByKind = (rosterId: string | undefined): [CsvCell, CsvCell] =>
  rosterId === undefined
    ? [undefined, undefined]
    : isEmailAddress(rosterId)
      ? [rosterId, undefined]
      : [undefined, rosterId];

/** The score columns: each exercise, then the quiz average under the name given. */
const scoreColumns = (quizAverage: string) => [...exerciseIds, quizAverage];

/** The score columns of an LMS's layout. */
const lmsScoreColumns = scoreColumns('Quiz average');

/** A gradebook's layout: its columns, each learner's cells under the identity ones, and any line under the header. */
interface GradebookLayout {
  columns: string[];
  identity: (learner: ClassLearner) => CsvCell[];
  underHeader: CsvCell[][];
}

/** The plain gradebook and each LMS's. */
const gradebooks: Record<'plain' | LmsId, GradebookLayout> = {
  plain: {
    columns: ['learner_id', 'roster_id', 'name', ...scoreColumns('quiz_average')],
    identity: (learner) => [learner.progress.learner.id, learner.rosterId, learner.name],
    underHeader: [],
  },
  canvas: {
    columns: ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', ...lmsScoreColumns],
    identity: (learner) => {
      const [login, sisUser] = rosterIdByKind(learner.rosterId);
      return [learner.name ?? learner.id, undefined, sisUser, login, undefined];
    },
    underHeader: [['Points Possible', undefined, undefined, undefined, undefined, ...lmsScoreColumns.map(() => 100)]],
  },
  moodle: {
    columns: ['Email address', 'ID number', 'Name', ...lmsScoreColumns],
    identity: (learner) => [...rosterIdByKind(learner.rosterId), learner.name ?? learner.id],
    underHeader: [],
  },
};

/** One gradebook row per learner of the matrix, in its order. */
function* gradebookGroups(matrix: ClassRow[], layout: GradebookLayout): Generator<CsvRowGroup> {
  for (const row of matrix) yield { lead: [], rows: [[...layout.identity(row.learner), ...scoresOf(row)]] };
}

/** The gradebook of the class's matrix ({@link classMatrix}) as a CSV table, laid out for an LMS's import if given. */
export function gradebookTable(matrix: ClassRow[], lms?: LmsId): CsvTable {
  const layout = gradebooks[lms ?? 'plain'];
  return { header: [layout.columns, ...layout.underHeader], groups: gradebookGroups(matrix, layout) };
}

/**
 * The class as a CSV table in the shape asked for; `lms` lays out the gradebook for that LMS's import (the tidy
 * shape ignores it). The rows are produced as they are written, so a class of thousands is never held twice.
 */
export function classCsvTable(csvClass: CsvClass, options: ClassCsvOptions): CsvTable {
  if (options.shape === 'tidy') return { header: [tidyHeader], groups: tidyGroups(csvClass) };
  return gradebookTable(classMatrix(csvClass.learners), options.lms);
}

/** Rows as CSV lines joined by `newline` (RFC 4180's CRLF by default), text that looks like a formula neutralised. */
const unparse = (rows: CsvCell[][], newline = '\r\n') => Papa.unparse(rows, { newline, escapeFormulae: formulaStart });

/**
 * A group's lines, each ending in CRLF. The lead is turned into CSV once and papaparse puts it after every line break
 * between the rows: a lead and a row, each whole fields, joined by a comma, make one line. This halves the cells
 * papaparse visits in the tidy shape, where 11 of a row's 17 cells are its attempt's.
 */
export function groupText({ lead, rows }: CsvRowGroup): string {
  if (lead.length === 0) return `${unparse(rows)}\r\n`;
  const leadText = `${unparse([lead])},`;
  return `${leadText}${unparse(rows, `\r\n${leadText}`)}\r\n`;
}

/**
 * A table as CSV text, in pieces of a few thousand rows, for writing a large class without holding it whole;
 * `tally.rows` counts the rows under the header as they go.
 *
 * @example await writeFileDurably(file, csvPieces(classCsvTable({ learners, records }, { shape: 'tidy' })));
 */
export function* csvPieces(table: CsvTable, tally = { rows: 0 }): Generator<string> {
  yield `${unparse(table.header)}\r\n`;
  const once = firstOfEachKey();
  let piece: string[] = [];
  let rows = 0;
  for (const group of table.groups) {
    if (!once(group.key)) continue;
    piece.push(groupText(group));
    rows += group.rows.length;
    tally.rows += group.rows.length;
    if (rows >= rowsPerPiece) {
      yield piece.join('');
      piece = [];
      rows = 0;
    }
  }
  if (piece.length) yield piece.join('');
}

/**
 * The class as CSV text in the shape asked for (see the module's comment for what each holds).
 *
 * @example classCsv(readClass(sources), { shape: 'gradebook', lms: 'canvas' }); // 'Student,ID,SIS User ID,…'
 */
export function classCsv(csvClass: CsvClass, options: ClassCsvOptions): string {
  return [...csvPieces(classCsvTable(csvClass, options))].join('');
}
