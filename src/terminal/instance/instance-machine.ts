import type { IFileSystem } from 'just-bash';
import type { ServiceState } from './service-units';

/**
 * A sandbox instance as its own commands see it: its disk, its installed packages and its services, and who runs
 * the command now (root, under `sudo` or in a root shell).
 */
export interface InstanceMachine {
  readonly fs: IFileSystem;
  /** Installed packages the learner or the user data asked for, by name (the image's own are always there). */
  readonly packages: Set<string>;
  /** Services by name: the image's, and those of installed packages once they were started or enabled. */
  readonly services: Map<string, ServiceState>;
  readonly architecture: 'x86_64' | 'arm64';
  /** The user logged in (`ec2-user`), or `root` after `sudo -i`. */
  user: string;
  /** Whether the command running now runs as root. */
  isRoot(): boolean;
  /** Runs `work` as root, as `sudo` does. */
  asRoot<T>(work: () => Promise<T>): Promise<T>;
  /** The instance's clock: its launch while it boots, the page's afterwards. */
  now(): Date;
}

/** A machine over `fs`, with the packages and services given, logged in as `user`. */
export function createInstanceMachine(options: {
  fs: IFileSystem;
  packages: Iterable<string>;
  services: Map<string, ServiceState>;
  architecture: 'x86_64' | 'arm64';
  user: string;
  now: () => Date;
}): InstanceMachine {
  let elevated = 0;
  const machine: InstanceMachine = {
    fs: options.fs,
    packages: new Set(options.packages),
    services: options.services,
    architecture: options.architecture,
    user: options.user,
    isRoot: () => machine.user === 'root' || elevated > 0,
    async asRoot(work) {
      elevated += 1;
      try {
        return await work();
      } finally {
        elevated -= 1;
      }
    },
    now: options.now,
  };
  return machine;
}
