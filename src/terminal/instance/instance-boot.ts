import { Bash } from 'just-bash';
import { base64ToBytes } from '../../emulator/base64';
import type { Instance } from '../../emulator/state';
import { restoreFileSystem, snapshotFileSystem, type SavedEntry } from '../fs-snapshot';
import { amazonLinuxUser } from '../ssh-login-user';
import { amazonLinuxFileSystem } from './amazon-linux-files';
import { applyDiskChanges } from './instance-disk';
import { instanceCommands, type InstanceSurroundings } from './instance-commands';
import { createInstanceMachine, type InstanceMachine } from './instance-machine';
import { imageServices, type ServiceState } from './service-units';

/** What the first boot left: the disk's entries, the packages user data installed and every service's state. */
export interface BootImage {
  entries: SavedEntry[];
  packages: string[];
  services: Array<[string, ServiceState]>;
}

/** cloud-init's version on Amazon Linux 2023, which it prints on each stage. */
const cloudInit = 'Cloud-init v. 22.2.2';

/** cloud-init's `Thu, 03 Dec 2026 17:25:43 +0000`. */
const stampOf = (date: Date) => date.toUTCString().replace('GMT', '+0000');

/** Python logging's `2026-12-03 17:25:43,104`, as cloud-init's warnings start. */
const logTimeOf = (date: Date) =>
  date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.(\d{3})Z$/, ',$1');

/** The user data's text, when it is a script cloud-init runs (`#!`); other kinds (`#cloud-config`) are not run. */
export function userDataScript(instance: Pick<Instance, 'userData'>): string | undefined {
  if (!instance.userData) return undefined;
  const text = new TextDecoder().decode(base64ToBytes(instance.userData));
  return text.startsWith('#!') ? text : undefined;
}

/** What cloud-init writes to /var/log/cloud-init-output.log around the user data's own output. */
function cloudInitLog(instance: Instance, output: string, exitCode: number | undefined): string {
  const boot = new Date(instance.launchTime).getTime();
  const at = (seconds: number) => new Date(boot + seconds * 1000);
  const failed =
    exitCode === undefined || exitCode === 0
      ? []
      : [
          `${logTimeOf(at(38))} - subp.py[WARNING]: Failed running /var/lib/cloud/instance/scripts/part-001 [${exitCode}]`,
          `${logTimeOf(at(38))} - cc_scripts_user.py[WARNING]: Failed to run module scripts_user (scripts in ` +
            '/var/lib/cloud/instance/scripts)',
          `${logTimeOf(at(38))} - util.py[WARNING]: Running module scripts_user (<module ` +
            `'cloudinit.config.cc_scripts_user' from '/usr/lib/python3.9/site-packages/cloudinit/config/` +
            `cc_scripts_user.py'>) failed`,
        ];
  return [
    `${cloudInit} running 'init' at ${stampOf(at(8))}. Up 8.12 seconds.`,
    'ci-info: ++++++++++++++++++++++++++++Net device info+++++++++++++++++++++++++++++',
    'ci-info: | Device |  Up  |   Address   |   Mask   | Scope  |     Hw-Address    |',
    `ci-info: |  ens5  | True | ${instance.privateIpAddress.padEnd(11)} |    -     | global | ${instance.macAddress} |`,
    `${cloudInit} running 'modules:config' at ${stampOf(at(11))}. Up 11.40 seconds.`,
    `${cloudInit} running 'modules:final' at ${stampOf(at(12))}. Up 12.03 seconds.`,
    ...(output === '' ? [] : [output.replace(/\n$/, '')]),
    ...failed,
    `${cloudInit} finished at ${stampOf(at(40))}. Datasource DataSourceEc2.  Up 40.27 seconds`,
    '',
  ].join('\n');
}

/** Runs the user data as root at `/`, as cloud-init does, with the instance's commands. */
async function runUserData(
  script: string,
  machine: InstanceMachine,
  around: InstanceSurroundings,
): Promise<{ output: string; exitCode: number }> {
  const bash = new Bash({
    fs: machine.fs,
    cwd: '/',
    env: { HOME: '/root', USER: 'root', LOGNAME: 'root', PATH: '/usr/local/bin:/usr/bin:/usr/sbin:/bin:/sbin' },
    customCommands: instanceCommands(() => machine, around),
  });
  const result = await bash.exec(script);
  return { output: result.stdout + result.stderr, exitCode: result.exitCode };
}

/** Boots an instance's image: its files, its user data run once, and what cloud-init logged while it ran. */
async function firstBoot(instance: Instance, around: InstanceSurroundings): Promise<BootImage> {
  const launched = new Date(instance.launchTime).getTime();
  const machine = createInstanceMachine({
    fs: amazonLinuxFileSystem(amazonLinuxUser),
    packages: [],
    services: imageServices(),
    architecture: instance.architecture ?? 'x86_64',
    user: 'root',
    now: () => new Date(launched + 12_000),
  });
  const script = userDataScript(instance);
  const ran = script === undefined ? undefined : await runUserData(script, machine, around);
  if (script !== undefined) {
    await machine.fs.mkdir('/var/lib/cloud/instance/scripts', { recursive: true });
    await machine.fs.writeFile('/var/lib/cloud/instance/scripts/part-001', script);
  }
  await machine.fs.writeFile(
    '/var/log/cloud-init-output.log',
    cloudInitLog(instance, ran?.output ?? '', ran?.exitCode),
  );
  return {
    entries: await snapshotFileSystem(machine.fs),
    packages: [...machine.packages],
    services: [...machine.services].map(([name, state]) => [name, { ...state }]),
  };
}

/** Boots already worked out, by instance and user data: a boot depends on nothing else the learner can change. */
const boots = new Map<string, Promise<BootImage>>();

/**
 * What an instance's first boot left on it, worked out once per instance and user data and kept: the boot is
 * deterministic, so only what the learner changes afterwards needs saving.
 */
export function bootImageOf(instance: Instance, around: InstanceSurroundings): Promise<BootImage> {
  const key = `${instance.instanceId}\n${instance.userData ?? ''}`;
  let boot = boots.get(key);
  if (!boot) {
    boot = firstBoot(instance, around);
    boots.set(key, boot);
    boot.catch(() => boots.delete(key));
  }
  return boot;
}

/**
 * The instance as it is now: its boot image with the learner's saved changes on top, as a machine whose user is
 * `user` (the login's, or root for the web server). The image comes back too (with only enabled services running
 * after a restart), so changes can be worked out against it.
 */
export async function restoredMachine(
  instance: Instance,
  around: InstanceSurroundings,
  user: string,
): Promise<{ machine: InstanceMachine; image: BootImage }> {
  const booted = await bootImageOf(instance, around);
  // Since a restart, the services the boot left are those that start at boot; the learner's changes come on top.
  const image = instance.disk?.restarted
    ? {
        ...booted,
        services: booted.services.map(([name, state]): [string, ServiceState] => [
          name,
          { active: state.enabled, enabled: state.enabled },
        ]),
      }
    : booted;
  const machine = createInstanceMachine({
    fs: await restoreFileSystem(image.entries),
    packages: image.packages,
    services: new Map(image.services.map(([name, state]) => [name, { ...state }])),
    architecture: instance.architecture ?? 'x86_64',
    user,
    now: () => new Date(),
  });
  if (instance.disk) await applyDiskChanges(machine, instance.disk);
  return { machine, image };
}
