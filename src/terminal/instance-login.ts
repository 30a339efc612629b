import type { SandboxImage } from '../emulator/services/ec2-images';

/** Where `ssh` connected: the sandbox instance the lab shell moves onto, and the user it logged in as. */
export interface InstanceLogin {
  accountId: string;
  region: string;
  instanceId: string;
  /** The AMI's user (`ec2-user` on Amazon Linux). */
  user: string;
}

/** The user an image's instances let in (`ec2-user`), by the start of the image's name; Amazon Linux's otherwise. */
const defaultUsers: ReadonlyArray<readonly [prefix: string, user: string]> = [
  ['ubuntu', 'ubuntu'],
  ['debian', 'admin'],
  ['al2023-ami', 'ec2-user'],
];

/**
 * The user an instance's image lets in over ssh: `ec2-user` on Amazon Linux, `ubuntu` on Ubuntu. Every image id the
 * sandbox launches is Amazon Linux 2023 (an id it does not offer launches as a copy of it), so an id alone is
 * `ec2-user`.
 *
 * @example
 * defaultUserOf(instance.imageId); // 'ec2-user'
 */
export function defaultUserOf(image: string | Pick<SandboxImage, 'name'>): string {
  if (typeof image === 'string') return 'ec2-user';
  return defaultUsers.find(([prefix]) => image.name.startsWith(prefix))?.[1] ?? 'ec2-user';
}
