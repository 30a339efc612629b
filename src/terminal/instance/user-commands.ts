import { defineCommand, type Command } from 'just-bash';
import type { InstanceMachine } from './instance-machine';

/** The ids Amazon Linux gives its users. */
const ids: Record<string, { uid: number; groups: string }> = {
  root: { uid: 0, groups: '0(root)' },
  'ec2-user': { uid: 1000, groups: '1000(ec2-user),4(adm),10(wheel),190(systemd-journal)' },
};

/**
 * The commands that say who and where the learner is on an instance: `whoami`, `id`, `hostname` (the instance's
 * private DNS name; `-s` its first label, `-I` its address).
 */
export function userCommands(machine: () => InstanceMachine, hostName: string, privateIp: string): Command[] {
  const effective = () => (machine().isRoot() ? 'root' : machine().user);
  return [
    defineCommand('whoami', async () => ({ stdout: `${effective()}\n`, stderr: '', exitCode: 0 })),
    defineCommand('id', async () => {
      const user = effective();
      const { uid, groups } = ids[user] ?? { uid: 1001, groups: `1001(${user})` };
      return { stdout: `uid=${uid}(${user}) gid=${uid}(${user}) groups=${groups}\n`, stderr: '', exitCode: 0 };
    }),
    defineCommand('hostname', async (args) => {
      const shown = args.includes('-I') ? `${privateIp} ` : args.includes('-s') ? hostName.split('.')[0]! : hostName;
      return { stdout: `${shown}\n`, stderr: '', exitCode: 0 };
    }),
  ];
}
