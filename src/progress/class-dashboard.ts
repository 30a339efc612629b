/**
 * The instructor's dashboard of a class, as plain data: the pass rate per exercise, the learners × exercises matrix
 * with where each result came from, the checks learners fail most with their messages, and the files skipped. Pure
 * and free of the DOM, so `awscourse report --html` and the site's Instructor page show the same dashboard; both
 * render the words, sort keys and chart settings defined here.
 */
import type { ChartConfiguration } from 'chart.js';
import { type ExerciseId, exerciseIds } from '../lessons/schema';
import {
  type ClassLearner,
  type ClassRow,
  classLearners,
  classMatrix,
  type ExerciseStanding,
  type ProgressSource,
  type ReadRecord,
  readSource,
} from './class-progress';
import type { SkippedSource } from './progress-archive';
import { type AttemptSummary, summarizeProgress } from './progress-summary';

/** How many learners passed one exercise, of the whole class and of those who tried it. */
export interface ExercisePassRate {
  exercise: ExerciseId;
  /** Learners who passed it at least once. */
  passed: number;
  /** Learners who pressed Verify on it at least once. */
  attempted: number;
  /** Learners in the class. */
  learners: number;
  /** `passed / learners`, 0..1; 0 for a class with no learner. */
  ofLearners: number;
  /** `passed / attempted`, 0..1; absent when nobody attempted it. */
  ofAttempted?: number;
}

/** A learner's standing on one exercise, and where the attempt that decided it ran. */
export interface DashboardCell extends ExerciseStanding {
  /** The mode of the deciding attempt: the last one that passed, or else the last one. */
  mode?: AttemptSummary['mode'];
  /** The AWS account a live attempt checked. */
  account?: string;
  /** The region the deciding attempt checked. */
  region?: string;
}

/** A learner as the dashboard names them, with the files their record came from. */
export interface DashboardLearner {
  /** The id the instructor knows them by, or else their record's random id. */
  id: string;
  name?: string;
  /** More than one file means they were merged. */
  files: string[];
}

/** One row of the dashboard's matrix. */
export interface DashboardRow {
  learner: DashboardLearner;
  exercises: Record<ExerciseId, DashboardCell>;
  /** The learner's latest Verify attempt of any exercise. */
  lastAttempt?: string;
  /** The mean share of right answers over the learner's finished quizzes, 0..1. */
  quizAverage?: number;
}

/** One message a failed check gave, and how many learners' latest attempts gave it. */
export interface FailureMessage {
  message: string;
  learners: number;
}

/** A check of one exercise that learners' latest attempts failed. */
export interface FailedCheck {
  exercise: ExerciseId;
  /** The check's id within its checker, e.g. `vpc-exists`. */
  check: string;
  /** The check's title, as the attempts that failed it give it. */
  title?: string;
  /** Learners whose latest attempt of the exercise failed this check. */
  failed: number;
  /** Learners who attempted the exercise at all. */
  attempted: number;
  /** The messages it failed with, most common first. */
  messages: FailureMessage[];
}

/** The whole dashboard. */
export interface ClassDashboard {
  /** One per exercise, in course order. */
  passRates: ExercisePassRate[];
  /** One per learner, in order of first appearance. */
  rows: DashboardRow[];
  /** Most learners first, then in course order. */
  failedChecks: FailedCheck[];
  /** The files and archive entries not read, each with its reason. */
  skipped: SkippedSource[];
}

/** `part / whole`, or undefined when the whole is 0. */
const share = (part: number, whole: number) => (whole === 0 ? undefined : part / whole);

/** The pass rate of each exercise over the class's matrix rows. */
function passRates(rows: DashboardRow[]): ExercisePassRate[] {
  return exerciseIds.map((exercise) => {
    const standings = rows.map((row) => row.exercises[exercise].status);
    const passed = standings.filter((status) => status === 'passed').length;
    const attempted = standings.filter((status) => status !== 'none').length;
    const ofAttempted = share(passed, attempted);
    return {
      exercise,
      passed,
      attempted,
      learners: rows.length,
      ofLearners: share(passed, rows.length) ?? 0,
      ...(ofAttempted === undefined ? {} : { ofAttempted }),
    };
  });
}

/** Where an attempt ran, as a cell shows it. */
function whereOf(attempt: AttemptSummary | undefined): Pick<DashboardCell, 'mode' | 'account' | 'region'> {
  if (!attempt) return {};
  return {
    mode: attempt.mode,
    ...(attempt.account ? { account: attempt.account } : {}),
    ...(attempt.region ? { region: attempt.region } : {}),
  };
}

/** Each exercise's deciding attempt: the last one that passed, or else the last one. */
function decidingAttempts(attempts: AttemptSummary[]): Map<ExerciseId, AttemptSummary> {
  const deciding = new Map<ExerciseId, AttemptSummary>();
  for (const attempt of attempts)
    if (attempt.status === 'passed' || deciding.get(attempt.exercise)?.status !== 'passed')
      deciding.set(attempt.exercise, attempt);
  return deciding;
}

/** The newest time of the attempts, by the instant it names, as written; the first of equal ones. */
function newestAttempt(attempts: AttemptSummary[]): string | undefined {
  let newest: { at: string; instant: number } | undefined;
  for (const { at } of attempts) {
    const instant = Date.parse(at);
    if (newest === undefined || instant > newest.instant) newest = { at, instant };
  }
  return newest?.at;
}

/** A learner's matrix row, with where each exercise's deciding attempt ran. */
function dashboardRow({ learner, exercises, quizAverage }: ClassRow): DashboardRow {
  const { attempts } = learner.progress;
  const deciding = decidingAttempts(attempts);
  const cells = Object.fromEntries(
    exerciseIds.map((exercise): [ExerciseId, DashboardCell] => [
      exercise,
      { ...exercises[exercise], ...whereOf(deciding.get(exercise)) },
    ]),
  ) as Record<ExerciseId, DashboardCell>;
  const latest = newestAttempt(attempts);
  return {
    learner: { id: learner.id, ...(learner.name ? { name: learner.name } : {}), files: learner.files },
    exercises: cells,
    ...(latest ? { lastAttempt: latest } : {}),
    ...(quizAverage === undefined ? {} : { quizAverage }),
  };
}

/** A failed check while it is being counted: its messages with their counts. */
type FailedCheckTally = Omit<FailedCheck, 'attempted' | 'messages'> & { messages: Map<string, number> };

/** The messages of a tally, most common first, then in alphabetical order. */
const rankedMessages = (messages: Map<string, number>): FailureMessage[] =>
  [...messages]
    .map(([message, learners]) => ({ message, learners }))
    .sort((a, b) => b.learners - a.learners || a.message.localeCompare(b.message));

/**
 * The checks that learners' latest attempts failed (status `fail`; a check that could not run is not counted), per
 * exercise and check id, with each failure message counted. A learner counts once per check: their latest attempt
 * of that exercise is where they stand now.
 */
export function mostFailedChecks(learners: ClassLearner[]): FailedCheck[] {
  const tallies = new Map<string, FailedCheckTally>();
  const attempted = new Map<ExerciseId, number>();
  for (const learner of learners)
    for (const exercise of exerciseIds) {
      const latest = learner.progress.attempts.findLast((attempt) => attempt.exercise === exercise);
      if (!latest) continue;
      attempted.set(exercise, (attempted.get(exercise) ?? 0) + 1);
      for (const { id, title, message } of latest.failures ?? []) {
        const key = JSON.stringify([exercise, id]);
        const tally: FailedCheckTally = tallies.get(key) ?? { exercise, check: id, failed: 0, messages: new Map() };
        tally.failed += 1;
        if (title) tally.title = title;
        tally.messages.set(message, (tally.messages.get(message) ?? 0) + 1);
        tallies.set(key, tally);
      }
    }
  return [...tallies.values()]
    .map((tally) => ({
      ...tally,
      attempted: attempted.get(tally.exercise) ?? 0,
      messages: rankedMessages(tally.messages),
    }))
    .sort(
      (a, b) =>
        b.failed - a.failed ||
        exerciseIds.indexOf(a.exercise) - exerciseIds.indexOf(b.exercise) ||
        a.check.localeCompare(b.check),
    );
}

/**
 * A class read from its files and held whole, every record with it: a small class's, such as a test's. A large one is
 * read as `awscourse report` and the Instructor page read it: each file kept as its record's summary
 * (`summarizeRead`), the files read again for the tidy CSV.
 */
export interface ReadClass {
  /** The learners, each merged from their files' records. */
  learners: ClassLearner[];
  /** The files and archive entries not read, each with its reason. */
  skipped: SkippedSource[];
  /** Every record read, in the files' order: for the outputs that need every check (the tidy CSV). */
  records: ReadRecord[];
}

/**
 * A class read from its files: each read as a progress record or skipped with its reason (a source can come skipped
 * already, such as an archive that could not be opened), and the records merged into learners.
 */
export function readClass(sources: (ProgressSource | SkippedSource)[]): ReadClass {
  const read = sources.map(readSource);
  const records = read.filter((entry) => 'progress' in entry);
  return {
    learners: classLearners(records.map(({ name, progress }) => ({ name, progress: summarizeProgress(progress) }))),
    skipped: read.filter((entry) => 'skipped' in entry),
    records,
  };
}

/**
 * The dashboard of a class: its learners (merged by {@link classLearners}) and the files that could not be read;
 * `matrix` is the learners' {@link classMatrix}, when it is made already (the report prints it first).
 *
 * @example
 * const { learners, skipped } = readClass(sources);
 * classDashboard(learners, skipped);
 */
export function classDashboard(
  learners: ClassLearner[],
  skipped: SkippedSource[] = [],
  matrix: ClassRow[] = classMatrix(learners),
): ClassDashboard {
  const rows = matrix.map(dashboardRow);
  return { passRates: passRates(rows), rows, failedChecks: mostFailedChecks(learners), skipped };
}

/** The learners whose record was merged from more than one file. */
export const mergedRows = (dashboard: ClassDashboard) => dashboard.rows.filter((row) => row.learner.files.length > 1);

/** How many files were read: every learner's files. */
export const readFileCount = (dashboard: ClassDashboard) =>
  dashboard.rows.reduce((sum, row) => sum + row.learner.files.length, 0);

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** The one-line summary: `2 learners from 3 files; 1 skipped.` */
export function fileSummary(dashboard: ClassDashboard): string {
  const skipped = dashboard.skipped.length;
  return (
    `${plural(dashboard.rows.length, 'learner')} from ${plural(readFileCount(dashboard), 'file')}` +
    `${skipped ? `; ${skipped} skipped` : ''}.`
  );
}

/** What every view of a class's progress says about trusting it. */
export const selfReportedNote =
  'Progress files are self-reported: a learner can edit theirs. The evidence in them (AWS account ids, resource ' +
  'ids, regions and times) is there for spot checks, such as asking a learner to show a resource in their account. ' +
  'A live result names the AWS account it came from; an offline result comes from the sandbox account in the ' +
  'learner’s browser.';

/** How many learners the matrix shows at a time: a class of thousands stays quick to sort, to lay out and to read. */
export const matrixPageSize = 100;

/** How many pages the matrix of `learners` learners has: one at least. */
export const matrixPageCount = (learners: number) => Math.max(1, Math.ceil(learners / matrixPageSize));

/** Which learners a page of the matrix shows (0 is the first): `Learners 101–200 of 10000`. */
export const matrixPageLabel = (page: number, learners: number) =>
  `Learners ${page * matrixPageSize + 1}–${Math.min(learners, (page + 1) * matrixPageSize)} of ${learners}`;

/** How many of a failed check's messages are listed; the rest, often one per learner, wait behind a disclosure. */
export const failureMessagesShown = 5;

/** The disclosure's summary of the messages not listed: `823 other messages`. */
export const otherMessagesLabel = (count: number) => plural(count, 'other message');

/** The words both renderings of the dashboard show around its parts, written once. */
export const dashboardWords = {
  chartLabel: 'Bar chart of the pass rate per exercise. The table after it gives the same numbers.',
  matrixLegend:
    '✓ passed at least once, ✗ attempted but not yet passed, – not attempted. Under each: the attempts, and where ' +
    "the one that decided it ran. Press a column's heading to sort by it.",
  failedChecksNote: "Counted on each learner's latest attempt of the exercise, with the messages those attempts gave.",
  noFailedCheck: 'No check fails in any learner’s latest attempt.',
  matrixPages: 'Pages of the matrix',
  previousPage: `Previous ${matrixPageSize}`,
  nextPage: `Next ${matrixPageSize}`,
} as const;

/** How a learner is named in the dashboard: `Name (id)`, or the id alone. */
export const learnerLabel = (learner: DashboardLearner) =>
  learner.name ? `${learner.name} (${learner.id})` : learner.id;

/** A share as a whole percentage, `67 %`, or `–` when there is none. */
export const percent = (value: number | undefined) => (value === undefined ? '–' : `${Math.round(value * 100)} %`);

/** A time as the dashboard shows it, `2026-11-24 10:30 UTC`, or `–` when there is none. */
export const dashboardTime = (iso: string | undefined) =>
  iso ? `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '–';

/**
 * The mark and words of each standing; the mark is decoration, the words are what a screen reader reads. A cell not
 * attempted shows only its mark, so that results stand out; its words are there for screen readers.
 */
export const standingLabels = {
  passed: { mark: '✓', words: 'Passed' },
  failed: { mark: '✗', words: 'Not yet' },
  none: { mark: '–', words: 'Not attempted' },
} as const satisfies Record<ExerciseStanding['status'], { mark: string; words: string }>;

/** The line under a cell's standing: attempts and where the deciding attempt ran (`2 attempts · live, 1234…`). */
export function cellDetail(cell: DashboardCell): string {
  if (cell.attempts === 0) return '';
  const where =
    cell.mode === 'live'
      ? `live, account ${cell.account ?? 'not recorded'}${cell.region ? `, ${cell.region}` : ''}`
      : 'offline sandbox';
  return `${plural(cell.attempts, 'attempt')} · ${where}`;
}

/** A sortable column of the matrix. */
export type MatrixColumn = 'learner' | ExerciseId | 'last-attempt' | 'quiz-average';

/** The matrix's columns in order, each with its heading and whether it sorts as numbers or as text. */
export const matrixColumns: readonly { id: MatrixColumn; label: string; numeric: boolean }[] = [
  { id: 'learner', label: 'Learner', numeric: false },
  ...exerciseIds.map((exercise) => ({ id: exercise, label: exercise, numeric: true })),
  { id: 'last-attempt', label: 'Last attempt', numeric: true },
  { id: 'quiz-average', label: 'Quiz average', numeric: true },
];

/** How each standing sorts: not attempted, then not yet, then passed. */
const standingOrder = { none: 0, failed: 1, passed: 2 } as const;

/**
 * The value a row sorts by in a column: the learner's label as text; a standing, a time (milliseconds) or a quiz
 * average as a number, with -1 for none so that empty cells come first when ascending.
 */
export function matrixSortValue(row: DashboardRow, column: MatrixColumn): string | number {
  if (column === 'learner') return learnerLabel(row.learner);
  if (column === 'last-attempt') return row.lastAttempt ? Date.parse(row.lastAttempt) : -1;
  if (column === 'quiz-average') return row.quizAverage ?? -1;
  return standingOrder[row.exercises[column].status];
}

/** A sort direction, named as `aria-sort` names it. */
export type SortDirection = 'ascending' | 'descending';

/** Text compared as `localeCompare` compares it, without setting up the locale's rules on every comparison. */
const textOrder = new Intl.Collator();

/**
 * The rows sorted by a column; rows that tie keep their order. Each row's sort value is worked out once, not on every
 * comparison: a class of 10,000 learners takes some 130,000.
 */
export function sortedRows(rows: DashboardRow[], column: MatrixColumn, direction: SortDirection): DashboardRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row) => ({ row, value: matrixSortValue(row, column) }))
    .sort(({ value: x }, { value: y }) => {
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : textOrder.compare(String(x), String(y));
      return sign * order;
    })
    .map(({ row }) => row);
}

/** The colours a chart is drawn in, taken from the page's theme. */
export interface ChartPalette {
  text: string;
  grid: string;
  /** The bars of the share of all learners who passed. */
  ofLearners: string;
  /** The bars of the share of those who attempted that passed. */
  ofAttempted: string;
}

/** The pass-rate chart's legend, one label per series. */
export const passRateSeries = {
  ofLearners: 'Passed, of all learners',
  ofAttempted: 'Passed, of learners who attempted it',
} as const;

/**
 * The Chart.js settings of the pass-rate bar chart, as plain JSON (no functions), so the HTML file can carry them
 * as data. Shares are 0..1 and the axis formats them as percentages; an exercise nobody attempted has no second bar.
 */
export function passRateChart(
  dashboard: ClassDashboard,
  palette: ChartPalette,
): ChartConfiguration<'bar', (number | null)[], string> {
  const colour = { color: palette.text, font: { size: 13 } };
  return {
    type: 'bar',
    data: {
      labels: dashboard.passRates.map((rate) => rate.exercise),
      datasets: [
        {
          label: passRateSeries.ofLearners,
          data: dashboard.passRates.map((rate) => rate.ofLearners),
          backgroundColor: palette.ofLearners,
        },
        {
          label: passRateSeries.ofAttempted,
          data: dashboard.passRates.map((rate) => rate.ofAttempted ?? null),
          backgroundColor: palette.ofAttempted,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      locale: 'en',
      scales: {
        x: { ticks: colour, grid: { display: false } },
        y: {
          min: 0,
          max: 1,
          ticks: { ...colour, format: { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 0 } },
          grid: { color: palette.grid },
          title: { display: true, text: 'Learners who passed', ...colour },
        },
      },
      plugins: { legend: { labels: colour } },
    },
  };
}
