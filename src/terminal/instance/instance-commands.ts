import type { Command } from 'just-bash';
import type { Instance } from '../../emulator/state';
import { curlCommand } from '../curl-command';
import { type Ask, dnfCommand } from './dnf-command';
import { ec2MetadataCommand } from './ec2-metadata-command';
import type { InstanceMachine } from './instance-machine';
import { sudoCommand } from './sudo-command';
import { serviceCommand, systemctlCommand } from './systemctl-command';
import { userCommands } from './user-commands';

/** What an instance's commands reach beyond its disk. */
export interface InstanceSurroundings {
  /** The instance's network: its metadata service, AWS, and other instances' web servers. */
  network: typeof fetch;
  /** Its private DNS name (`ip-10-1-1-23.us-west-2.compute.internal`) and address. */
  hostName: string;
  privateIp: string;
  /** Opens a root shell once the line has run (`sudo -i`); at boot there is no shell to open. */
  openRootShell?: () => void;
  /** `aws`, on the instance's own configuration and role. */
  aws?: Command;
  /** Asks the learner a question on the terminal (dnf's "Is this ok"); at boot no one answers. */
  ask?: Ask;
}

/** The commands an Amazon Linux 2023 instance has beyond bash's own: dnf, systemctl, sudo, curl, ec2-metadata… */
export function instanceCommands(machine: () => InstanceMachine, around: InstanceSurroundings): Command[] {
  return [
    dnfCommand('dnf', machine, around.ask),
    dnfCommand('yum', machine, around.ask),
    systemctlCommand(machine),
    serviceCommand(machine),
    sudoCommand(machine, around.openRootShell ?? (() => {})),
    curlCommand(around.network),
    ec2MetadataCommand(around.network),
    ...userCommands(machine, around.hostName, around.privateIp),
    ...(around.aws ? [around.aws] : []),
  ];
}

/** `ip-10-1-1-23.us-west-2.compute.internal`: an instance's private DNS name (`ec2.internal` in us-east-1). */
export function privateHostName(instance: Pick<Instance, 'privateIpAddress'>, region: string): string {
  const label = `ip-${instance.privateIpAddress.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${label}.ec2.internal` : `${label}.${region}.compute.internal`;
}

/** What an instance in `region` reaches, on `network`. */
export function surroundingsOf(instance: Instance, region: string, network: typeof fetch): InstanceSurroundings {
  return { network, hostName: privateHostName(instance, region), privateIp: instance.privateIpAddress };
}
