import { base64ToBytes, bytesToBase64 } from '../../emulator/base64';
import type { InstanceDisk } from '../../emulator/state';
import { snapshotFileSystem, type SavedEntry } from '../fs-snapshot';
import type { InstanceMachine } from './instance-machine';

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

/** Whether an entry is as the boot left it. */
function unchanged(entry: SavedEntry, booted: SavedEntry | undefined): boolean {
  if (!booted || booted.kind !== entry.kind) return false;
  if (entry.kind === 'file' && booted.kind === 'file') return sameBytes(entry.content, booted.content);
  return true;
}

/** What a boot left, as far as changes are measured against it. */
interface Booted {
  entries: SavedEntry[];
  packages: string[];
  services: Array<[string, { active: boolean; enabled: boolean }]>;
}

/** What the learner changed on the machine since the boot left `image`: the part of a disk worth saving. */
export async function diskChanges(image: Booted, machine: InstanceMachine): Promise<InstanceDisk> {
  const booted = new Map(image.entries.map((entry) => [entry.path, entry]));
  const now = await snapshotFileSystem(machine.fs);
  const present = new Set(now.map((entry) => entry.path));
  const changed = now.filter((entry) => !unchanged(entry, booted.get(entry.path)));
  const bootServices = new Map(image.services);
  return {
    files: Object.fromEntries(
      changed.flatMap((entry) => (entry.kind === 'file' ? [[entry.path, bytesToBase64(entry.content)]] : [])),
    ),
    directories: changed.filter((entry) => entry.kind === 'directory').map((entry) => entry.path),
    // Only the topmost of what went: removing a directory removes what it held.
    removed: image.entries
      .map((entry) => entry.path)
      .filter((path) => !present.has(path) && present.has(path.slice(0, path.lastIndexOf('/')) || '/')),
    packages: [...machine.packages].filter((name) => !image.packages.includes(name)).sort(),
    services: Object.fromEntries(
      [...machine.services]
        .filter(([name, state]) => {
          const before = bootServices.get(name);
          return !before || before.active !== state.active || before.enabled !== state.enabled;
        })
        .map(([name, state]) => [name, { ...state }]),
    ),
  };
}

/** Puts the learner's saved changes back on a machine the boot image was just restored to. */
export async function applyDiskChanges(machine: InstanceMachine, disk: InstanceDisk): Promise<void> {
  for (const path of disk.removed) await machine.fs.rm(path, { recursive: true, force: true });
  for (const path of disk.directories) await machine.fs.mkdir(path, { recursive: true });
  for (const [path, content] of Object.entries(disk.files)) {
    await machine.fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
    await machine.fs.writeFile(path, base64ToBytes(content));
  }
  for (const name of disk.packages) machine.packages.add(name);
  for (const [name, state] of Object.entries(disk.services)) machine.services.set(name, { ...state });
}

/** Whether two disks hold the same changes, so an unchanged one is not saved again. */
export function sameDisk(a: InstanceDisk | undefined, b: InstanceDisk): boolean {
  return JSON.stringify(a ?? emptyDisk) === JSON.stringify(b);
}

/** A disk with nothing changed. */
export const emptyDisk: InstanceDisk = { files: {}, directories: [], removed: [], packages: [], services: {} };
