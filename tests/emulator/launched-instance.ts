import {
  DescribeInstancesCommand,
  type EC2Client,
  type Instance,
  RunInstancesCommand,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { amazonLinuxImageId } from '../../src/emulator/services/ec2-images';

/** The launch the EC2 tests start from: one t3.micro of Amazon Linux 2023 in us-west-2, with `extra` on top. */
export function launchInput(extra: Partial<RunInstancesCommandInput> = {}): RunInstancesCommandInput {
  return { ImageId: amazonLinuxImageId('us-west-2'), InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, ...extra };
}

/** Launches one instance (see launchInput) and answers it as RunInstances did. */
export async function launchInstance(ec2: EC2Client, extra: Partial<RunInstancesCommandInput> = {}): Promise<Instance> {
  return (await ec2.send(new RunInstancesCommand(launchInput(extra)))).Instances![0]!;
}

/** An instance as DescribeInstances answers it now. */
export async function describedInstance(ec2: EC2Client, instanceId: string): Promise<Instance> {
  const answer = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  return answer.Reservations![0]!.Instances![0]!;
}
