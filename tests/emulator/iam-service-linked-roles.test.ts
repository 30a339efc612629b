import {
  CreateServiceLinkedRoleCommand,
  DeleteRoleCommand,
  DeleteServiceLinkedRoleCommand,
  GetRoleCommand,
  GetServiceLinkedRoleDeletionStatusCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

describe('IAM service-linked roles in the sandbox', () => {
  it('names and places the role as the service documents it, trusted by that service', async () => {
    const { iam } = clientsFor();
    const role = (await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com' })))
      .Role!;
    expect(role).toMatchObject({
      RoleName: 'AWSServiceRoleForAutoScaling',
      Path: '/aws-service-role/autoscaling.amazonaws.com/',
      Arn: 'arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling',
    });
    const trust = JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!)) as {
      Statement: { Principal: unknown }[];
    };
    expect(trust.Statement[0].Principal).toEqual({ Service: ['autoscaling.amazonaws.com'] });
  });

  it('adds a custom suffix where the service takes one', async () => {
    const { iam } = clientsFor();
    const create = new CreateServiceLinkedRoleCommand({
      AWSServiceName: 'autoscaling.amazonaws.com',
      CustomSuffix: 'web',
    });
    expect((await iam.send(create)).Role!.RoleName).toBe('AWSServiceRoleForAutoScaling_web');
  });

  it('refuses a service it does not know with InvalidInput', async () => {
    const { iam } = clientsFor();
    const create = new CreateServiceLinkedRoleCommand({ AWSServiceName: 'other.amazonaws.com' });
    expect(await errorOf(iam.send(create))).toMatchObject({ name: 'InvalidInputException' });
  });

  it('refuses a role name already taken', async () => {
    const { iam } = clientsFor();
    const create = new CreateServiceLinkedRoleCommand({ AWSServiceName: 'elasticbeanstalk.amazonaws.com' });
    await iam.send(create);
    expect(await errorOf(iam.send(create))).toMatchObject({ name: 'InvalidInputException' });
  });

  it('deletes through a deletion task that reports SUCCEEDED', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com' }));
    const { DeletionTaskId } = await iam.send(
      new DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForAutoScaling' }),
    );
    const status = await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }));
    expect(status.Status).toBe('SUCCEEDED');
    const get = new GetRoleCommand({ RoleName: 'AWSServiceRoleForAutoScaling' });
    expect(await errorOf(iam.send(get))).toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('keeps DeleteRole from deleting a service-linked role', async () => {
    const { iam } = clientsFor();
    await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com' }));
    const remove = new DeleteRoleCommand({ RoleName: 'AWSServiceRoleForAutoScaling' });
    expect(await errorOf(iam.send(remove))).toMatchObject({ name: 'UnmodifiableEntityException' });
  });
});
