import { InMemoryFs, type IFileSystem } from 'just-bash';
import { amazonLinuxRelease } from '../../emulator/services/ec2-images';

/** The release as Amazon Linux names itself (`2023.9.20251117`), without the image's build number. */
const version = amazonLinuxRelease.split('.').slice(0, 3).join('.');

/** `/etc/os-release` exactly as Amazon Linux 2023 ships it. */
export const osRelease = `NAME="Amazon Linux"
VERSION="2023"
ID="amzn"
ID_LIKE="fedora"
VERSION_ID="2023"
PLATFORM_ID="platform:al2023"
PRETTY_NAME="Amazon Linux ${version}"
ANSI_COLOR="0;33"
CPE_NAME="cpe:2.3:o:amazon:amazon_linux:2023"
HOME_URL="https://aws.amazon.com/linux/amazon-linux-2023/"
DOCUMENTATION_URL="https://docs.aws.amazon.com/linux/"
SUPPORT_URL="https://aws.amazon.com/premiumsupport/"
BUG_REPORT_URL="https://github.com/amazonlinux/amazon-linux-2023"
VENDOR_NAME="AWS"
VENDOR_URL="https://aws.amazon.com/"
SUPPORT_END="2029-06-30"
`;

const bashrc = `# .bashrc

# Source global definitions
if [ -f /etc/bashrc ]; then
	. /etc/bashrc
fi

# User specific environment
if ! [[ "$PATH" =~ "$HOME/.local/bin:$HOME/bin:" ]]
then
    PATH="$HOME/.local/bin:$HOME/bin:$PATH"
fi
export PATH

# Uncomment the following line if you don't like systemctl's auto-paging feature:
# export SYSTEMD_PAGER=

# User specific aliases and functions
if [ -d ~/.bashrc.d ]; then
	for rc in ~/.bashrc.d/*; do
		if [ -f "$rc" ]; then
			. "$rc"
		fi
	done
fi

unset rc
`;

const bashProfile = `# .bash_profile

# Get the aliases and functions
if [ -f ~/.bashrc ]; then
	. ~/.bashrc
fi

# User specific environment and startup programs
`;

/** The files of a freshly launched Amazon Linux 2023 instance that a learner looks at, by path. */
function imageFiles(user: string): Record<string, string> {
  const home = `/home/${user}`;
  return {
    '/etc/os-release': osRelease,
    '/etc/system-release': `Amazon Linux release ${version} (Amazon Linux)\n`,
    '/etc/system-release-cpe': 'cpe:2.3:o:amazon:amazon_linux:2023\n',
    '/etc/motd': '',
    [`${home}/.bashrc`]: bashrc,
    [`${home}/.bash_profile`]: bashProfile,
    [`${home}/.bash_logout`]: '# ~/.bash_logout\n',
    '/root/.bashrc': bashrc,
  };
}

/** The directories such an instance has even when empty. */
const imageDirectories = ['/tmp', '/var/log', '/var/lib/cloud/instance', '/opt', '/srv', '/usr/share'];

/** A new disk holding Amazon Linux 2023's files, with the login user's home. */
export function amazonLinuxFileSystem(user: string): IFileSystem {
  const fs = new InMemoryFs();
  for (const directory of imageDirectories) fs.mkdirSync(directory, { recursive: true });
  for (const [path, content] of Object.entries(imageFiles(user))) fs.writeFileSync(path, content);
  return fs;
}
