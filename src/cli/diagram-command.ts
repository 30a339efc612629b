import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { attemptsOfDrawing } from '../diagram/attempts-of-drawing';
import { collectAccount, DiagramReadError } from '../diagram/collect';
import { diagramCounts, diagramHeading, drawDiagram, themePalettes } from '../diagram/draw';
import { type DiagramAttempt, type DiagramModel, diagramModel } from '../diagram/model';
import { diagramOutline, outlineText } from '../diagram/outline';
import type { AccountSnapshot } from '../diagram/snapshot';
import { progressFilePath, readProgressFile } from '../progress/file-store';
import { type AccountTarget, liveTarget, offlineTarget, refuseLiveRegion, refuseSandboxRegion } from './account-target';
import { parseCommandArgs } from './args';
import { diagramHelp } from './diagram-help';
import { defaultSandboxFile } from './emulator-command';
import { type CliIo, exitCodes, UsageError } from './io';
import { writeOutputFile } from './write-output-file';

const diagramOptions = {
  region: { type: 'string', multiple: true, default: [] },
  profile: { type: 'string' },
  offline: { type: 'boolean', default: false },
  state: { type: 'string' },
  svg: { type: 'string' },
  theme: { type: 'string' },
  stacked: { type: 'boolean', default: false },
  progress: { type: 'string' },
  'no-progress': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsOptionsConfig;

type DiagramValues = ReturnType<typeof parseCommandArgs<typeof diagramOptions>>['values'];

type Theme = keyof typeof themePalettes;
const isTheme = (name: string): name is Theme => Object.hasOwn(themePalettes, name);

/** How the drawing is put out: the outline on stdout, or an SVG file in a theme. */
type Output = { outline: true } | { svg: string; theme: Theme; stacked: boolean };

/** What the options ask to put out, checked before any account is read. */
function outputOf(values: DiagramValues): Output {
  const { svg, theme = 'light', stacked } = values;
  const example = 'For example: --svg account.svg --theme dark --stacked';
  if (svg === undefined) {
    if (values.theme !== undefined || stacked)
      throw new UsageError(`--${stacked ? 'stacked' : 'theme'} goes with --svg FILE.`, example);
    return { outline: true };
  }
  if (svg === '') throw new UsageError('--svg needs a file name.', example);
  if (!isTheme(theme))
    throw new UsageError(`--theme must be ${Object.keys(themePalettes).join(' or ')}, not "${theme}".`, example);
  return { svg, theme, stacked };
}

/** The account to read, with every region asked for checked first: the sandbox's own, or any AWS region live. */
async function targetOf(values: DiagramValues, regions: string[], io: CliIo): Promise<AccountTarget> {
  if (values.offline) {
    for (const region of regions) refuseSandboxRegion(region);
    const file = values.state ? resolve(io.cwd, values.state) : defaultSandboxFile(io.env, homedir());
    return offlineTarget(file, regions[0] ?? 'us-west-2');
  }
  for (const region of regions) refuseLiveRegion(region);
  return liveTarget(regions[0], values.profile, io);
}

/** The account read; credentials refused, or no network, stop the command with what to do. */
async function readAccount(target: AccountTarget, regions: string[], mode: AccountSnapshot['mode']) {
  try {
    return await collectAccount({ aws: target.aws, regions, mode, surface: 'cli' });
  } catch (error) {
    if (error instanceof DiagramReadError) throw new UsageError(error.problem.message, error.problem.hint);
    throw error;
  }
}

/**
 * The Verify attempts to mark, from the progress file, of the same mode and the regions drawn. The file is only read;
 * one that cannot be read leaves the drawing without marks, and a one-line warning says why.
 */
async function attemptsToMark(
  values: DiagramValues,
  snapshot: AccountSnapshot,
  io: CliIo,
): Promise<readonly DiagramAttempt[]> {
  if (values['no-progress']) return [];
  const file = values.progress ? resolve(io.cwd, values.progress) : progressFilePath(io.env, homedir());
  const read = await readProgressFile(file);
  if ('absent' in read) return [];
  if ('problem' in read) {
    io.stderr(`Warning: ${read.problem.message} Drawn without Verify marks. ${read.problem.hint}\n`);
    return [];
  }
  const regions = snapshot.regions.map((r) => r.region);
  return attemptsOfDrawing(read.progress.attempts, snapshot.mode, regions);
}

/** The line that says what the SVG holds once it is written. */
function writtenLine(file: string, model: DiagramModel): string {
  const marks = model.marks.length;
  const marked = marks ? `; ${marks} failed ${marks === 1 ? 'check' : 'checks'} marked` : '';
  const regions = model.regions.map((r) => r.region).join(', ');
  return `Wrote ${file}: ${diagramHeading(model)}, ${regions}: ${diagramCounts(model)}${marked}.\n`;
}

/**
 * `awscourse diagram`: reads an account read-only (the learner's own, or the sandbox with `--offline`), marks the
 * failed checks of the latest Verify attempts, and prints the diagram as an outline or writes it as an SVG file.
 */
export async function runDiagramCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('diagram', args, diagramOptions);
  if (values.help) {
    io.stdout(diagramHelp);
    return exitCodes.ok;
  }
  if (values.state && !values.offline) throw new UsageError('--state goes with --offline.');
  if (values.progress !== undefined && values['no-progress'])
    throw new UsageError('--progress and --no-progress contradict each other: pass one.');
  const output = outputOf(values);
  const asked = [...new Set(values.region)];
  const mode = values.offline ? 'offline' : 'live';
  const target = await targetOf(values, asked, io);
  const snapshot = await readAccount(target, asked.length ? asked : [target.region], mode);
  for (const problem of snapshot.problems) io.stderr(`Warning: ${problem}\n`);
  const model = diagramModel(snapshot, await attemptsToMark(values, snapshot, io));

  if ('outline' in output) {
    io.stdout(`${outlineText(diagramOutline(model))}\n`);
    return exitCodes.ok;
  }
  const svg = drawDiagram(model, { palette: themePalettes[output.theme], stacked: output.stacked });
  await writeOutputFile(output.svg, svg, io.cwd);
  io.stdout(writtenLine(output.svg, model));
  return exitCodes.ok;
}
