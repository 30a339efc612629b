import {
  DescribeInstanceAttributeCommand,
  DescribeInstanceCreditSpecificationsCommand,
  DescribeInstancesCommand,
  GetInstanceUefiDataCommand,
  ModifyInstanceAttributeCommand,
  ModifyInstanceCreditSpecificationCommand,
  MonitorInstancesCommand,
  type RunInstancesCommandInput,
  StopInstancesCommand,
  UnmonitorInstancesCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { describedInstance, launchInstance } from './launched-instance';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const { ec2 } = clientsFor();

const launch = async (extra: Partial<RunInstancesCommandInput> = {}) => (await launchInstance(ec2, extra)).InstanceId!;

const described = (id: string) => describedInstance(ec2, id);

const creditsOf = async (ids: string[]) =>
  (await ec2.send(new DescribeInstanceCreditSpecificationsCommand({ InstanceIds: ids }))).InstanceCreditSpecifications;

describe('EBS optimization', () => {
  it('is on for an instance launched with EbsOptimized', async () => {
    expect((await described(await launch({ EbsOptimized: true }))).EbsOptimized).toBe(true);
  });

  it('turns off on a stopped instance through ModifyInstanceAttribute', async () => {
    const id = await launch({ EbsOptimized: true });
    await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    await ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, EbsOptimized: { Value: false } }));
    const attribute = await ec2.send(
      new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'ebsOptimized' }),
    );
    expect(attribute.EbsOptimized?.Value).toBe(false);
  });

  it('cannot change while the instance runs', async () => {
    const id = await launch();
    const error = await errorOf(
      ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, EbsOptimized: { Value: true } })),
    );
    expect(error.name).toBe('IncorrectInstanceState');
  });
});

describe('detailed monitoring', () => {
  it('is enabled for an instance launched with Monitoring.Enabled', async () => {
    expect((await described(await launch({ Monitoring: { Enabled: true } }))).Monitoring).toEqual({
      State: 'enabled',
    });
  });

  it('is pending in MonitorInstances answer and enabled after it', async () => {
    const id = await launch();
    const answer = await ec2.send(new MonitorInstancesCommand({ InstanceIds: [id] }));
    expect(answer.InstanceMonitorings).toEqual([{ InstanceId: id, Monitoring: { State: 'pending' } }]);
    expect((await described(id)).Monitoring?.State).toBe('enabled');
  });

  it('is disabled after UnmonitorInstances', async () => {
    const id = await launch({ Monitoring: { Enabled: true } });
    const answer = await ec2.send(new UnmonitorInstancesCommand({ InstanceIds: [id] }));
    expect(answer.InstanceMonitorings![0]!.Monitoring?.State).toBe('disabling');
    expect((await described(id)).Monitoring?.State).toBe('disabled');
  });

  it('is what the monitoring-state filter matches', async () => {
    const monitored = await launch({ Monitoring: { Enabled: true } });
    await launch();
    const found = await ec2.send(
      new DescribeInstancesCommand({ Filters: [{ Name: 'monitoring-state', Values: ['enabled'] }] }),
    );
    expect(found.Reservations!.flatMap((r) => r.Instances!.map((i) => i.InstanceId))).toEqual([monitored]);
  });

  it('refuses an instance that does not exist', async () => {
    const error = await errorOf(ec2.send(new MonitorInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })));
    expect(error.name).toBe('InvalidInstanceID.NotFound');
  });
});

describe('hibernation', () => {
  it('is configured for an instance launched with HibernationOptions.Configured', async () => {
    const id = await launch({ HibernationOptions: { Configured: true } });
    expect((await described(id)).HibernationOptions).toEqual({ Configured: true });
  });
});

describe('CPU credits', () => {
  it('are unlimited by default on T3', async () => {
    const id = await launch();
    expect(await creditsOf([id])).toEqual([{ InstanceId: id, CpuCredits: 'unlimited' }]);
  });

  it('are standard by default on T2', async () => {
    const id = await launch({ InstanceType: 't2.micro' });
    expect((await creditsOf([id]))![0]!.CpuCredits).toBe('standard');
  });

  it('are standard for a type that is not burstable', async () => {
    const id = await launch({ InstanceType: 'm5.large' });
    expect((await creditsOf([id]))![0]!.CpuCredits).toBe('standard');
  });

  it('are what CreditSpecification asks for at launch', async () => {
    const id = await launch({ CreditSpecification: { CpuCredits: 'standard' } });
    expect((await creditsOf([id]))![0]!.CpuCredits).toBe('standard');
  });

  it('list only unlimited instances when no id is named', async () => {
    const unlimited = await launch();
    await launch({ InstanceType: 't2.micro' });
    expect((await creditsOf([]))!.map((c) => c.InstanceId)).toEqual([unlimited]);
  });

  it('change through ModifyInstanceCreditSpecification', async () => {
    const id = await launch();
    const answer = await ec2.send(
      new ModifyInstanceCreditSpecificationCommand({
        InstanceCreditSpecifications: [{ InstanceId: id, CpuCredits: 'standard' }],
      }),
    );
    expect(answer.SuccessfulInstanceCreditSpecifications).toEqual([{ InstanceId: id }]);
    expect((await creditsOf([id]))![0]!.CpuCredits).toBe('standard');
  });

  it('do not change on a type that is not burstable', async () => {
    const id = await launch({ InstanceType: 'm5.large' });
    const answer = await ec2.send(
      new ModifyInstanceCreditSpecificationCommand({
        InstanceCreditSpecifications: [{ InstanceId: id, CpuCredits: 'unlimited' }],
      }),
    );
    expect(answer.UnsuccessfulInstanceCreditSpecifications![0]!.Error?.Code).toBe(
      'InstanceCreditSpecification.NotSupported',
    );
  });

  it('refuse a credit option EC2 does not have', async () => {
    const error = await errorOf(launch({ CreditSpecification: { CpuCredits: 'burst' } }));
    expect(error.name).toBe('InvalidParameterValue');
  });
});

describe('GetInstanceUefiData', () => {
  it('answers the instance with its UEFI variable store', async () => {
    const id = await launch();
    const answer = await ec2.send(new GetInstanceUefiDataCommand({ InstanceId: id }));
    expect(answer).toMatchObject({ InstanceId: id, UefiData: '' });
  });
});
