import { defineCommand, type Command } from 'just-bash';
import type { InstanceMachine } from './instance-machine';
import { serviceUnits, type ServiceState } from './service-units';

type Result = { stdout: string; stderr: string; exitCode: number };

/** A unit's name without `.service`. */
const unitName = (word: string) => word.replace(/\.service$/, '');

/** The unit, when the image has it or an installed package brought it. */
function unitOf(machine: InstanceMachine, name: string) {
  const unit = serviceUnits[name];
  if (!unit || (unit.package && !machine.packages.has(unit.package))) return undefined;
  return unit;
}

const wantsLink = (name: string) => `/etc/systemd/system/multi-user.target.wants/${name}.service`;

/** What a verb does to a service's state, and what it prints; `now` also starts or stops it (`enable --now`). */
const changes: Record<string, (state: ServiceState, name: string, now: boolean) => string> = {
  start: (state) => {
    state.active = true;
    return '';
  },
  stop: (state) => {
    state.active = false;
    return '';
  },
  restart: (state) => {
    state.active = true;
    return '';
  },
  reload: () => '',
  enable: (state, name, now) => {
    const created = state.enabled
      ? ''
      : `Created symlink ${wantsLink(name)} → /usr/lib/systemd/system/${name}.service.\n`;
    state.enabled = true;
    if (now) state.active = true;
    return created;
  },
  disable: (state, name, now) => {
    const removed = state.enabled ? `Removed "${wantsLink(name)}".\n` : '';
    state.enabled = false;
    if (now) state.active = false;
    return removed;
  },
};

/** `systemctl status`'s report on one service; exit 3 when it is not running, as systemd does. */
function status(machine: InstanceMachine, name: string, state: ServiceState): Result {
  const unit = serviceUnits[name]!;
  const at = machine.now();
  const since = `${at.toUTCString().slice(0, 3)} ${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  const lines = [
    `${state.active ? '●' : '○'} ${name}.service - ${unit.description}`,
    `     Loaded: loaded (/usr/lib/systemd/system/${name}.service; ${state.enabled ? 'enabled' : 'disabled'}; preset: disabled)`,
    `     Active: ${state.active ? `active (running) since ${since}` : 'inactive (dead)'}`,
    ...(unit.docs ? [`       Docs: ${unit.docs}`] : []),
    ...(state.active ? [`   Main PID: 2${String(name.length).padStart(3, '0')} (${unit.process})`] : []),
    ...(state.active && unit.status ? [`     Status: "${unit.status}"`] : []),
  ];
  return { stdout: `${lines.join('\n')}\n`, stderr: '', exitCode: state.active ? 0 : 3 };
}

/** The verbs that only read a service's state. */
const readers: Record<string, (machine: InstanceMachine, name: string, state: ServiceState) => Result> = {
  status,
  'is-active': (_m, _n, state) => ({
    stdout: state.active ? 'active\n' : 'inactive\n',
    stderr: '',
    exitCode: state.active ? 0 : 3,
  }),
  'is-enabled': (_m, _n, state) => ({
    stdout: state.enabled ? 'enabled\n' : 'disabled\n',
    stderr: '',
    exitCode: state.enabled ? 0 : 1,
  }),
};

/** What systemctl says of a unit it does not have. */
function notFound(verb: string, name: string): Result {
  if (verb === 'status') return { stdout: '', stderr: `Unit ${name}.service could not be found.\n`, exitCode: 4 };
  if (verb in readers)
    return { stdout: verb === 'is-active' ? 'inactive\n' : '', stderr: '', exitCode: verb === 'is-active' ? 3 : 1 };
  if (verb === 'enable' || verb === 'disable')
    return { stdout: '', stderr: `Failed to ${verb} unit: Unit file ${name}.service does not exist.\n`, exitCode: 1 };
  return { stdout: '', stderr: `Failed to ${verb} ${name}.service: Unit ${name}.service not found.\n`, exitCode: 5 };
}

/** Runs one verb on the named services, in order, stopping at the first failure. */
export function runSystemctl(machine: InstanceMachine, args: string[]): Result {
  const now = args.includes('--now');
  const [verb, ...names] = args.filter((arg) => !arg.startsWith('--'));
  if (verb === undefined) return { stdout: '', stderr: 'Too few arguments.\n', exitCode: 1 };
  if (!(verb in changes) && !(verb in readers))
    return { stdout: '', stderr: `Unknown command verb '${verb}'.\n`, exitCode: 1 };
  if (names.length === 0) return { stdout: '', stderr: 'Too few arguments.\n', exitCode: 1 };
  if (verb in changes && !machine.isRoot()) {
    const name = unitName(names[0]!);
    return {
      stdout: '',
      stderr:
        `Failed to ${verb} ${name}.service: Access denied\n` +
        `See system logs and 'systemctl status ${name}.service' for details.\n`,
      exitCode: 1,
    };
  }
  const reader = readers[verb];
  // A query reports on every unit named and fails if any is not so; a change stops at the first unit it cannot find.
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  for (const name of names.map(unitName)) {
    const found = unitOf(machine, name) !== undefined;
    const state = machine.services.get(name) ?? { active: false, enabled: false };
    const answer = found ? reader?.(machine, name, state) : notFound(verb, name);
    if (!found && !reader) return { ...answer!, stdout: stdout + answer!.stdout };
    if (answer) {
      stdout += answer.stdout;
      stderr += answer.stderr;
      exitCode ||= answer.exitCode;
      continue;
    }
    machine.services.set(name, state);
    stdout += changes[verb]!(state, name, now);
  }
  return { stdout, stderr, exitCode };
}

/**
 * `systemctl` on a sandbox instance: start, stop, restart, enable and disable (with `--now`) the image's services and
 * those of installed packages, as root; `status`, `is-active` and `is-enabled` for anyone.
 */
export function systemctlCommand(machine: () => InstanceMachine): Command {
  return defineCommand('systemctl', async (args) => runSystemctl(machine(), args));
}

/** `service NAME VERB`, which Amazon Linux 2023 hands to systemctl, saying so. */
export function serviceCommand(machine: () => InstanceMachine): Command {
  return defineCommand('service', async (args) => {
    const [name, verb] = args;
    if (!name || !verb)
      return {
        stdout: '',
        stderr: 'Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]\n',
        exitCode: 1,
      };
    const redirect = `Redirecting to /bin/systemctl ${verb} ${unitName(name)}.service\n`;
    const result = runSystemctl(machine(), [verb, name]);
    return { ...result, stderr: redirect + result.stderr };
  });
}
