import { defineCommand, type Command } from 'just-bash';
import type { InstanceMachine } from './instance-machine';
import {
  archOf,
  imagePackages,
  packageCatalogue,
  type InstallablePackage,
  type PackageRecord,
} from './package-catalogue';

/** dnf's rule lines are as wide as the terminal; cloud-init's log and a pipe get 80 columns. */
const width = 80;
const rule = '='.repeat(width);

/** `Thu Dec  3 17:25:35 2026`, as dnf dates the metadata it last fetched. */
function ctimeOf(date: Date): string {
  const [weekday, month, day, time, year] = [
    date.toUTCString().slice(0, 3),
    date.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' }),
    String(date.getUTCDate()).padStart(2, ' '),
    date.toISOString().slice(11, 19),
    date.getUTCFullYear(),
  ];
  return `${weekday} ${month} ${day} ${time} ${year}`;
}

/** The line dnf starts with: its cached metadata was fetched a few seconds before. */
function metadataLine(now: Date): string {
  return `Last metadata expiration check: 0:00:04 ago on ${ctimeOf(new Date(now.getTime() - 4000))}.\n`;
}

const superuserOnly =
  'Error: This command has to be run with superuser privileges (under the root user on most systems).\n';

/** A size as dnf prints it (`47 k`, `1.4 M`), in kilobytes. */
function kilobytesOf(size: string): number {
  const [amount = '0', unit] = size.split(' ');
  return Number(amount) * (unit === 'M' ? 1024 : 1);
}

/** Kilobytes as dnf prints a size: whole kilobytes below a megabyte, one decimal below ten, whole above. */
function sizeText(kilobytes: number): string {
  if (kilobytes < 1024) return `${Math.round(kilobytes)} k`;
  const megabytes = kilobytes / 1024;
  return megabytes < 10 ? `${megabytes.toFixed(1)} M` : `${Math.round(megabytes)} M`;
}

/** `name-version.arch`, as dnf names an installed package. */
function fullName(record: PackageRecord, architecture: InstanceMachine['architecture']): string {
  return `${record.name}-${record.version}.${archOf(record, architecture)}`;
}

/** The transaction table: each section's packages in columns, then the summary. */
function transactionTable(packages: InstallablePackage[], machine: InstanceMachine): string {
  const sections: Array<[string, PackageRecord[]]> = [
    ['Installing:', packages],
    [
      'Installing dependencies:',
      dedupe(
        packages.flatMap((p) => p.dependencies),
        machine,
      ),
    ],
    [
      'Installing weak dependencies:',
      dedupe(
        packages.flatMap((p) => p.weakDependencies),
        machine,
      ),
    ],
  ];
  const rows = sections.flatMap(([, records]) => records);
  const cells = (r: PackageRecord) => [r.name, archOf(r, machine.architecture), r.version, 'amazonlinux', r.size];
  const header = ['Package', 'Arch', 'Version', 'Repository', 'Size'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((r) => cells(r)[i]!.length)));
  const line = (values: string[]) =>
    ` ${values
      .map((value, i) => (i === values.length - 1 ? value.padStart(widths[i]!) : value.padEnd(widths[i]!)))
      .join('  ')}`.trimEnd();
  const body = sections
    .filter(([, records]) => records.length > 0)
    .flatMap(([title, records]) => [title, ...records.map((r) => line(cells(r)))]);
  const download = sizeText(rows.reduce((sum, r) => sum + kilobytesOf(r.size), 0));
  const installed = sizeText(packages.reduce((sum, p) => sum + kilobytesOf(p.installedSize), 0));
  return [
    'Dependencies resolved.',
    rule,
    line(header),
    rule,
    ...body,
    '',
    'Transaction Summary',
    rule,
    `Install  ${rows.length} Package${rows.length === 1 ? '' : 's'}`,
    '',
    `Total download size: ${download}`,
    `Installed size: ${installed}`,
    'Downloading Packages:',
    ...rows.map((r, i) => `(${i + 1}/${rows.length}): ${fullName(r, machine.architecture)}.rpm`),
    '-'.repeat(width),
    'Running transaction check',
    'Transaction check succeeded.',
    'Running transaction test',
    'Transaction test succeeded.',
    'Running transaction',
    ...rows.map(
      (r, i) =>
        `  Installing       : ${fullName(r, machine.architecture)}`.padEnd(width - 8) +
        `${i + 1}/${rows.length}`.padStart(8),
    ),
    ...rows.map(
      (r, i) =>
        `  Verifying        : ${fullName(r, machine.architecture)}`.padEnd(width - 8) +
        `${i + 1}/${rows.length}`.padStart(8),
    ),
    '',
    'Installed:',
    ...rows.map((r) => `  ${fullName(r, machine.architecture)}`),
    '',
    'Complete!',
    '',
  ].join('\n');
}

/** Records in name order, each once, leaving out what is installed already. */
function dedupe(records: PackageRecord[], machine: InstanceMachine): PackageRecord[] {
  const byName = new Map(records.filter((r) => !machine.packages.has(r.name)).map((r) => [r.name, r]));
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

type Result = { stdout: string; stderr: string; exitCode: number };

/** `dnf install`: every name must be one the repository has, or nothing is installed. */
/** Asks a question on the terminal and resolves with the answer; undefined where no one can answer. */
export type Ask = (question: string) => Promise<string | undefined>;

/** The question dnf asks before a transaction without `-y`. */
const question = 'Is this ok [y/N]: ';

async function install(
  names: string[],
  machine: InstanceMachine,
  assumeYes: boolean,
  ask: Ask | undefined,
): Promise<Result> {
  const head = metadataLine(machine.now());
  const unknown = names.filter((name) => !packageCatalogue[name] && !imagePackages[name]);
  if (unknown.length > 0)
    return {
      stdout: `${head}${unknown.map((name) => `No match for argument: ${name}\n`).join('')}`,
      stderr: `Error: Unable to find a match: ${unknown.join(' ')}\n`,
      exitCode: 1,
    };
  const present = names.filter((name) => imagePackages[name] || machine.packages.has(name));
  const already = present
    .map((name) => {
      const record = packageCatalogue[name] ?? { name, version: imagePackages[name]!, arch: 'native' as const };
      return `Package ${fullName({ ...record, size: '' }, machine.architecture)} is already installed.\n`;
    })
    .join('');
  const wanted = [...new Set(names.filter((name) => !present.includes(name)))].map((name) => packageCatalogue[name]!);
  if (wanted.length === 0)
    return { stdout: `${head}${already}Dependencies resolved.\nNothing to do.\nComplete!\n`, stderr: '', exitCode: 0 };
  const table = transactionTable(wanted, machine);
  const plan = `${head}${already}${table.slice(0, table.indexOf('Downloading Packages:'))}`;
  if (!assumeYes) {
    const answer = ask ? await ask(`${plan}${question}`) : undefined;
    if (!/^y(?:es)?$/i.test(answer?.trim() ?? ''))
      return { stdout: `${ask ? '' : `${plan}${question}`}Operation aborted.\n`, stderr: '', exitCode: 1 };
  }
  for (const item of wanted) {
    for (const directory of item.directories) await machine.fs.mkdir(directory, { recursive: true });
    for (const [path, content] of Object.entries(item.files)) {
      await machine.fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
      await machine.fs.writeFile(path, content);
    }
    machine.packages.add(item.name);
    if (item.service) machine.services.set(item.service, { active: false, enabled: false });
  }
  const shown = assumeYes ? table : table.slice(table.indexOf('Downloading Packages:'));
  return { stdout: `${assumeYes ? head + already : ''}${shown}`, stderr: '', exitCode: 0 };
}

/** The options dnf takes before or after its command; `-y` answers its question. */
const quietOptions = new Set(['-y', '--assumeyes', '-q', '--quiet', '--refresh']);

/**
 * `dnf` (and `yum`, which is dnf on Amazon Linux 2023) on a sandbox instance: `install -y PKG…` lays the packages'
 * files down and records them (without `-y` it asks first, through `ask`); `update -y` finds nothing newer, as on a
 * freshly launched image. Only root may change packages.
 */
export function dnfCommand(name: 'dnf' | 'yum', machine: () => InstanceMachine, ask?: Ask): Command {
  return defineCommand(name, async (args) => {
    const words = args.filter((arg) => !quietOptions.has(arg));
    const assumeYes = args.includes('-y') || args.includes('--assumeyes');
    const [command, ...names] = words;
    const current = machine();
    if (command === undefined) return { stdout: '', stderr: `usage: ${name} [options] COMMAND\n`, exitCode: 1 };
    if (command === 'install' || command === 'update' || command === 'upgrade') {
      if (!current.isRoot()) return { stdout: '', stderr: superuserOnly, exitCode: 1 };
      if (command !== 'install')
        return {
          stdout: `${metadataLine(current.now())}Dependencies resolved.\nNothing to do.\nComplete!\n`,
          stderr: '',
          exitCode: 0,
        };
      if (names.length === 0)
        return { stdout: '', stderr: 'Error: Need to pass a list of pkgs to install\n', exitCode: 1 };
      return install(names, current, assumeYes, ask);
    }
    return {
      stdout: '',
      stderr: `No such command: ${command}. Please use /usr/bin/${name} --help\n`,
      exitCode: 1,
    };
  });
}
