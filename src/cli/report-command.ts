import { exerciseIds } from '../lessons/schema';
import { errorMessage } from '../lib/error-message';
import { madeAhead } from '../lib/made-ahead';
import { csvPieces, gradebookTable, tidyHeaderText } from '../progress/class-csv';
import { type ClassCsvOptions, csvShapes, lmsIds } from '../progress/class-csv-options';
import { type ClassDashboard, classDashboard } from '../progress/class-dashboard';
import { type ClassRow, classLearners, classMatrix, type ReadSummary } from '../progress/class-progress';
import { dashboardHtmlPieces, readChartJs } from '../progress/dashboard-html';
import type { SkippedSource } from '../progress/progress-archive';
import { stringSharer } from '../progress/progress-summary';
import { parseCommandArgs } from './args';
import { type CliIo, exitCodes, UsageError } from './io';
import { reportHelp } from './report-help';
import { type RecordOwner, recordOwners } from '../progress/record-owners';
import { type ListedFile, type ReportClass, reportFiles } from './report-sources';
import { uniquePieces } from './report-tasks';
import { inFileOrder } from './report-threads';
import { runXapiReport, xapiReportPlan } from './report-xapi';
import { writeOutputFile } from './write-output-file';
import { xapiReportOptions } from './report-xapi-options';

/** The marks of the matrix, as the help explains them. */
const marks = { passed: '✓', failed: '✗', none: '–' } as const;

/** A time as the table shows it: `2026-11-24 10:30` in UTC. */
const shortTime = (iso: string) => new Date(iso).toISOString().slice(0, 16).replace('T', ' ');

/** The matrix as a text table, its columns padded to their widest cell. */
export function reportTable(rows: ClassRow[]): string {
  const header = ['Learner', ...exerciseIds, 'Last attempt', 'Quiz average'];
  const body = rows.map((row) => {
    const last = exerciseIds
      .map((exercise) => row.exercises[exercise].lastAttempt)
      .filter((at): at is string => at !== undefined)
      .sort((a, b) => Date.parse(a) - Date.parse(b))
      .at(-1);
    return [
      row.learner.name ? `${row.learner.name} (${row.learner.id})` : row.learner.id,
      ...exerciseIds.map((exercise) => marks[row.exercises[exercise].status]),
      last ? `${shortTime(last)} UTC` : '–',
      row.quizAverage === undefined ? '–' : `${Math.round(row.quizAverage * 100)} %`,
    ];
  });
  const widths = header.map((_, column) => Math.max(...[header, ...body].map((cells) => cells[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return `${[header, ...body].map(line).join('\n')}\n`;
}

/**
 * Reads every listed file and keeps only its record's summary, or why it was skipped: a large class on two threads.
 */
async function summarizeClass(files: ListedFile[], io: CliIo) {
  const read = { summaries: [] as ReadSummary[], skipped: [] as SkippedSource[] };
  const shareStrings = stringSharer();
  for await (const run of inFileOrder('summarize', files, undefined, io.reportWorker))
    for (const entry of run)
      if ('skipped' in entry) read.skipped.push(entry);
      else {
        shareStrings(entry.progress);
        read.summaries.push(entry);
      }
  return read;
}

/** Writes the class dashboard as one self-contained HTML page (`--html FILE`), durably, and says where. */
async function writeDashboardHtml(file: string, dashboard: ClassDashboard, io: CliIo): Promise<void> {
  const chartJs = await readChartJs().catch((error: unknown) => {
    throw new UsageError(
      `The HTML report needs Chart.js, which could not be read: ${errorMessage(error)}`,
      'Run "npm install" in the course folder, then try again.',
    );
  });
  // In pieces, each made as it is written: a class of thousands makes a page of tens of MB.
  const html = dashboardHtmlPieces(dashboard, { chartJs, generatedAt: new Date() });
  await writeOutputFile(file, html, io.cwd);
  io.stdout(`Wrote ${file}.\n`);
}

/** The `--csv` options, as `parseArgs` takes them. */
const csvReportOptions = {
  csv: { type: 'string' },
  'csv-format': { type: 'string' },
  lms: { type: 'string' },
} as const;

/** Whether `value` is one of `allowed`. */
const isOneOf = <T extends string>(allowed: readonly T[], value: string): value is T =>
  (allowed as readonly string[]).includes(value);

const csvExample = 'For example: --csv grades.csv --csv-format gradebook --lms canvas';

/** What `--csv` asks for, checked before any file is read: the file and its layout; undefined without `--csv`. */
function csvReportPlan(values: {
  csv?: string;
  'csv-format'?: string;
  lms?: string;
}): { file: string; options: ClassCsvOptions } | undefined {
  const { csv: file, 'csv-format': shape = 'tidy', lms } = values;
  if (file === undefined) {
    if (values['csv-format'] !== undefined || lms !== undefined)
      throw new UsageError(`--${lms === undefined ? 'csv-format' : 'lms'} needs --csv FILE.`, csvExample);
    return undefined;
  }
  if (file === '') throw new UsageError('--csv needs a file name.', csvExample);
  if (!isOneOf(csvShapes, shape))
    throw new UsageError(`--csv-format must be ${csvShapes.join(' or ')}, not "${shape}".`, csvExample);
  if (lms === undefined) return { file, options: { shape } };
  if (!isOneOf(lmsIds, lms)) throw new UsageError(`--lms must be ${lmsIds.join(' or ')}, not "${lms}".`, csvExample);
  if (shape !== 'gradebook')
    throw new UsageError('--lms lays out a gradebook: add --csv-format gradebook.', csvExample);
  return { file, options: { shape, lms } };
}

/**
 * The tidy CSV in pieces: its header, then the rows of each run of files, which are read again (every check of every
 * attempt is needed), on two threads for a large class.
 */
async function* tidyCsvPieces(
  report: ReportClass,
  counted: (rows: number) => void,
): AsyncGenerator<string | Uint8Array> {
  yield tidyHeaderText();
  yield* uniquePieces(madeAhead(inFileOrder('tidyRows', report.files, report.owners, report.worker)), counted);
}

/** What `--csv` asks for. */
type CsvPlan = NonNullable<ReturnType<typeof csvReportPlan>>;

/** Writes a CSV (`--csv FILE`), in pieces, and says how many rows it holds under its header. */
async function writeCsv(
  file: string,
  pieces: Parameters<typeof writeOutputFile>[1],
  tally: { rows: number },
  io: CliIo,
) {
  await writeOutputFile(file, pieces, io.cwd);
  io.stdout(`Wrote ${file} (${tally.rows} row${tally.rows === 1 ? '' : 's'}).\n`);
}

/** What the rest of the report needs once the class is read: not the learners, whose summaries are let go. */
interface ReadReport {
  /** Whose each record is, for the outputs that read the files again. */
  owners: Map<string, RecordOwner>;
  /** The dashboard, when `--html` asks for it. */
  dashboard?: ClassDashboard;
  /** Whether a file was skipped. */
  skippedAny: boolean;
}

/**
 * The first reading: every file summarised, the learners merged, the table printed and a gradebook written (from the
 * learners alone); then only what the rest needs is kept, so that the learners' summaries are let go before the
 * files are read again. Undefined when no file could be read.
 */
async function readClassReport(
  files: ListedFile[],
  plans: { csv?: CsvPlan; html: boolean },
  io: CliIo,
): Promise<ReadReport | undefined> {
  const { summaries, skipped } = await summarizeClass(files, io);
  const learners = classLearners(summaries);
  for (const entry of skipped) io.stderr(`Skipped ${entry.name}: ${entry.skipped}.\n`);
  if (learners.length === 0) {
    io.stderr('No progress file could be read, so there is nothing to report.\n');
    return undefined;
  }
  const matrix = classMatrix(learners);
  io.stdout(reportTable(matrix));
  const merged = learners.filter((learner) => learner.files.length > 1);
  const read = summaries.length;
  io.stdout(
    `\n${learners.length} learner${learners.length === 1 ? '' : 's'} from ${read} file${read === 1 ? '' : 's'}` +
      `${skipped.length ? `; ${skipped.length} skipped` : ''}.\n`,
  );
  for (const learner of merged)
    io.stdout(`Merged ${learner.files.length} files of ${learner.id}: ${learner.files.join(', ')}.\n`);
  if (plans.csv?.options.shape === 'gradebook') {
    const tally = { rows: 0 };
    await writeCsv(plans.csv.file, csvPieces(gradebookTable(matrix, plans.csv.options.lms), tally), tally, io);
  }
  return {
    owners: recordOwners(learners),
    ...(plans.html ? { dashboard: classDashboard(learners, skipped, matrix) } : {}),
    skippedAny: skipped.length > 0,
  };
}

/** `awscourse report FILE|FOLDER…`: the class's matrix; 1 when a file was skipped, 2 when none could be read. */
export async function runReportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'report',
    args,
    { help: { type: 'boolean', short: 'h' }, html: { type: 'string' }, ...csvReportOptions, ...xapiReportOptions },
    true,
  );
  if (values.help) {
    io.stdout(reportHelp);
    return exitCodes.ok;
  }
  if (positionals.length === 0)
    throw new UsageError('Name the progress files or folders to report on.', reportHelp.trimEnd());
  if (values.html === '') throw new UsageError('--html needs a file name.', 'For example: --html class.html');
  const csv = csvReportPlan(values);
  const xapi = xapiReportPlan(values, io);
  const files = await reportFiles(positionals, io.cwd);
  const read = await readClassReport(files, { csv, html: values.html !== undefined }, io);
  if (!read) return exitCodes.usage;
  const report: ReportClass = { files, owners: read.owners, worker: io.reportWorker };
  if (csv?.options.shape === 'tidy') {
    const tally = { rows: 0 };
    await writeCsv(
      csv.file,
      tidyCsvPieces(report, (rows) => (tally.rows += rows)),
      tally,
      io,
    );
  }
  if (values.html !== undefined && read.dashboard) await writeDashboardHtml(values.html, read.dashboard, io);
  const xapiStatus = xapi ? await runXapiReport(xapi, report, io) : exitCodes.ok;
  return Math.max(xapiStatus, read.skippedAny ? exitCodes.failed : exitCodes.ok);
}
