import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { exerciseIds } from '../lessons/schema';
import {
  type ClassRow,
  classLearners,
  classMatrix,
  type ProgressSource,
  readProgressSource,
} from '../progress/class-progress';
import { isZipArchive, type SkippedSource, sourcesOfArchive } from '../progress/progress-archive';
import { parseCommandArgs } from './args';
import { type CliIo, exitCodes, UsageError } from './io';

export const reportHelp = `Usage: awscourse report FILE|FOLDER...

Reads learners' progress files (the JSON "Download my progress" and "awscourse check" write), .zip archives of them
as an LMS gives an assignment's submissions, and folders (every .json and .zip file in them, and in their folders),
and prints the class: one row per learner, one column per exercise
(✓ passed at least once, ✗ attempted, not yet passed, – not attempted), the last attempt and the quiz average.

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

/** One file's sources: its text, the progress files of an archive, or why it could not be read at all. */
async function sourcesOfFile(path: string, name: string): Promise<(ProgressSource | SkippedSource)[]> {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => ({ error: error.code }));
  if (!(bytes instanceof Uint8Array)) return [{ name, skipped: `it cannot be read (${bytes.error})` }];
  if (isZipArchive(bytes) || name.toLowerCase().endsWith('.zip')) return sourcesOfArchive(name, bytes);
  return [{ name, text: new TextDecoder().decode(bytes) }];
}

/** The files the arguments name (folders read for their .json and .zip files), each with its text or why not. */
async function sourcesOf(paths: string[], cwd: string): Promise<(ProgressSource | SkippedSource)[]> {
  const sources: (ProgressSource | SkippedSource)[] = [];
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
      sources.push(...(await sourcesOfFile(file, found.isDirectory() ? join(given, relative(path, file)) : given)));
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

/** `awscourse report FILE|FOLDER…`: the class's matrix; 1 when a file was skipped, 2 when none could be read. */
export async function runReportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('report', args, { help: { type: 'boolean', short: 'h' } }, true);
  if (values.help) {
    io.stdout(reportHelp);
    return exitCodes.ok;
  }
  if (positionals.length === 0)
    throw new UsageError('Name the progress files or folders to report on.', reportHelp.trimEnd());
  const sources = await sourcesOf(positionals, io.cwd);
  const read = sources.map((source) => ('skipped' in source ? source : readProgressSource(source)));
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
  return skipped.length ? exitCodes.failed : exitCodes.ok;
}
