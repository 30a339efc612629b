/** The user an image lets ssh log in as: each AMI family has its own (AWS's "Connect to your Linux instance"). */
import { launchImage } from '../emulator/services/ec2-images';

/** Image name prefixes and their default users; the sandbox offers Amazon Linux 2023 only, the rest are for later. */
const defaultUsers: readonly [prefix: string, user: string][] = [
  ['al2023-ami', 'ec2-user'],
  ['amzn2-ami', 'ec2-user'],
  ['ubuntu/', 'ubuntu'],
  ['debian-', 'admin'],
  ['RHEL-', 'ec2-user'],
];

/** The default user of an instance's image and the image's description, for the hint a wrong user gets. */
export function defaultUserOf(region: string, imageId: string): { user: string; image: string } {
  const image = launchImage(region, imageId);
  const user = defaultUsers.find(([prefix]) => image.name.startsWith(prefix))?.[1] ?? 'ec2-user';
  return { user, image: image.description };
}
