import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { exerciseIds } from '../lessons/schema';
import { errorMessage } from '../lib/error-message';
import { writeFileDurably } from '../lib/write-file-durably';
import { type ClassCsvOptions, classCsvTable, csvPieces, csvShapes, lmsIds } from '../progress/class-csv';
import { type ClassDashboard, classDashboard } from '../progress/class-dashboard';
import {
  type ClassLearner,
  type ClassRow,
  classLearners,
  classMatrix,
  type ProgressSource,
  type ReadProgress,
  readProgressSource,
} from '../progress/class-progress';
import { dashboardHtml, readChartJs } from '../progress/dashboard-html';
import { isZipArchive, type SkippedSource, sourcesOfArchive } from '../progress/progress-archive';
import { parseCommandArgs } from './args';
import { type CliIo, exitCodes, UsageError } from './io';
import { runXapiReport, xapiReportHelp, xapiReportOptions, xapiReportPlan } from './report-xapi';

export const reportHelp = `Usage: awscourse report [options] FILE|FOLDER...

Reads learners' progress files (the JSON "Download my progress" and "awscourse check" write), .zip archives of them
as an LMS gives an assignment's submissions, and folders (every .json and .zip file in them, and in their folders),
and prints the class: one row per learner, one column per exercise
(✓ passed at least once, ✗ attempted, not yet passed, – not attempted), the last attempt and the quiz average.

Options:
  --html FILE   also write the class dashboard to FILE, one HTML page that opens offline: a chart of the pass
                rate per exercise, the sortable matrix, the checks learners fail most, and the files skipped
  --csv FILE    also write the class to FILE as CSV, for a spreadsheet, a data tool or an LMS's gradebook
  --csv-format ${csvShapes.join('|')}
                tidy (the default): one row per check of every Verify attempt, with its message, hint and evidence;
                gradebook: one row per learner, each exercise scored out of 100 (passed: 100; attempted: the best
                attempt's share of passing checks; not attempted: empty) and the quiz average
  --lms ${lmsIds.join('|')}
                lay the gradebook out for that LMS's grade import: Canvas's student columns and Points Possible row,
                or Moodle's Email address and ID number columns (map the one your class's roster ids are in)
${xapiReportHelp}

A file that cannot be read is named with the reason and skipped; the rest are still reported, and the exit status
is 1. Two files of one learner are merged (each attempt once), and the report says so. Progress files are
self-reported: the account ids, resource ids and times in them are there for spot checks.
`;

/** The marks of the matrix, as the help explains them. */
const marks = { passed: '✓', failed: '✗', none: '–' } as const;

/** Whether a file name is one the report reads in a folder: a progress file or an archive of them. */
const isReportFile = (name: string) => /\.(json|zip)$/i.test(name);

/** The .json and .zip files under a folder, in name order, deepest last. */
async function reportFilesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await reportFilesUnder(path)));
    else if (entry.isFile() && isReportFile(entry.name)) files.push(path);
  }
  return files;
}

/**
 * One file's sources: its text, the progress files of an archive, or why it could not be read at all. Read
 * synchronously: a class is thousands of small files read one after another, with nothing else to run meanwhile, and
 * the promise API's open, stat, read and close cost five times as much as one synchronous read here.
 */
function sourcesOfFile(path: string, name: string): (ProgressSource | SkippedSource)[] {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return [{ name, skipped: `it cannot be read (${(error as NodeJS.ErrnoException).code})` }];
  }
  if (isZipArchive(bytes) || name.toLowerCase().endsWith('.zip')) return sourcesOfArchive(name, bytes);
  return [{ name, text: new TextDecoder().decode(bytes) }];
}

/**
 * The files the arguments name (folders read for their .json and .zip files), each read as a learner's progress or
 * skipped with why. Each is parsed as soon as it is read, so a class's texts are never all held at once.
 */
async function readSources(paths: string[], cwd: string): Promise<ReadProgress[]> {
  const sources: ReadProgress[] = [];
  for (const given of paths) {
    const path = resolve(cwd, given);
    const found = await stat(path).catch(() => undefined);
    if (!found) {
      sources.push({ name: given, skipped: 'there is no such file or folder' });
      continue;
    }
    const files = found.isDirectory() ? await reportFilesUnder(path) : [path];
    if (found.isDirectory() && files.length === 0)
      sources.push({ name: given, skipped: 'the folder has no .json or .zip file' });
    // Named as the user gave it: the argument, or the argument joined with the file's place in that folder.
    for (const file of files)
      for (const source of sourcesOfFile(file, found.isDirectory() ? join(given, relative(path, file)) : given))
        sources.push('skipped' in source ? source : readProgressSource(source));
  }
  return sources;
}

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

/** Writes the class dashboard as one self-contained HTML page (`--html FILE`), durably, and says where. */
async function writeDashboardHtml(file: string, dashboard: ClassDashboard, io: CliIo): Promise<void> {
  const chartJs = await readChartJs().catch((error: unknown) => {
    throw new UsageError(
      `The HTML report needs Chart.js, which could not be read: ${errorMessage(error)}`,
      'Run "npm install" in the course folder, then try again.',
    );
  });
  const html = dashboardHtml(dashboard, { chartJs, generatedAt: new Date() });
  await writeFileDurably(resolve(io.cwd, file), html).catch((error: unknown) => {
    throw new UsageError(
      `Could not write ${file}: ${errorMessage(error)}`,
      'Name a file in a folder you can write to.',
    );
  });
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

/** Writes one of the report's files durably; one that cannot be written is a usage error saying what to do. */
async function writeReportFile(file: string, data: Parameters<typeof writeFileDurably>[1], cwd: string) {
  await writeFileDurably(resolve(cwd, file), data).catch((error: unknown) => {
    throw new UsageError(
      `Could not write ${file}: ${errorMessage(error)}`,
      'Name a file in a folder you can write to.',
    );
  });
}

/** Writes the class as CSV (`--csv FILE`), in pieces, and says how many rows it holds under its header. */
async function writeCsvReport(plan: { file: string; options: ClassCsvOptions }, learners: ClassLearner[], io: CliIo) {
  const tally = { rows: 0 };
  await writeReportFile(plan.file, csvPieces(classCsvTable(learners, plan.options), tally), io.cwd);
  io.stdout(`Wrote ${plan.file} (${tally.rows} row${tally.rows === 1 ? '' : 's'}).\n`);
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
  const read = await readSources(positionals, io.cwd);
  const skipped = read.filter((entry) => 'skipped' in entry);
  const learners = classLearners(read.filter((entry) => 'progress' in entry));
  for (const entry of skipped) io.stderr(`Skipped ${entry.name}: ${entry.skipped}.\n`);
  if (learners.length === 0) {
    io.stderr('No progress file could be read, so there is nothing to report.\n');
    return exitCodes.usage;
  }
  io.stdout(reportTable(classMatrix(learners)));
  const merged = learners.filter((learner) => learner.files.length > 1);
  const files = read.length - skipped.length;
  io.stdout(
    `\n${learners.length} learner${learners.length === 1 ? '' : 's'} from ${files} file${files === 1 ? '' : 's'}` +
      `${skipped.length ? `; ${skipped.length} skipped` : ''}.\n`,
  );
  for (const learner of merged)
    io.stdout(`Merged ${learner.files.length} files of ${learner.id}: ${learner.files.join(', ')}.\n`);
  if (csv) await writeCsvReport(csv, learners, io);
  if (values.html !== undefined) await writeDashboardHtml(values.html, classDashboard(learners, skipped), io);
  const records = read.flatMap((entry) => ('progress' in entry ? [entry.progress] : []));
  const xapiStatus = xapi ? await runXapiReport(xapi, records, io) : exitCodes.ok;
  return Math.max(xapiStatus, skipped.length ? exitCodes.failed : exitCodes.ok);
}
