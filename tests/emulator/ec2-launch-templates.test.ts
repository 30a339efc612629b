import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  CreateSecurityGroupCommand,
  DeleteLaunchTemplateCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeVpcsCommand,
  ModifyLaunchTemplateCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { amazonLinuxImageId } from '../../src/emulator/services/ec2-images';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const { ec2 } = clientsFor();
const image = amazonLinuxImageId('us-west-2');

async function webTemplate() {
  const vpcId = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId!;
  const { GroupId } = await ec2.send(
    new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: vpcId }),
  );
  const created = await ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: 'web-server',
      VersionDescription: 'first',
      LaunchTemplateData: {
        ImageId: image,
        InstanceType: 't3.micro',
        SecurityGroupIds: [GroupId!],
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web' }] }],
      },
      TagSpecifications: [{ ResourceType: 'launch-template', Tags: [{ Key: 'team', Value: 'course' }] }],
    }),
  );
  return { template: created.LaunchTemplate!, groupId: GroupId! };
}

describe('launch templates', () => {
  it('creates a template at version 1, default and latest, with its tags', async () => {
    const { template } = await webTemplate();
    expect(template).toMatchObject({
      LaunchTemplateName: 'web-server',
      DefaultVersionNumber: 1,
      LatestVersionNumber: 1,
      CreatedBy: 'arn:aws:iam::123456789012:root',
      Tags: [{ Key: 'team', Value: 'course' }],
    });
    expect(template.LaunchTemplateId).toMatch(/^lt-[0-9a-f]{17}$/);
  });

  it('refuses a second template of the same name', async () => {
    await webTemplate();
    const error = await errorOf(
      ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'web-server', LaunchTemplateData: {} })),
    );
    expect(error).toMatchObject({
      name: 'InvalidLaunchTemplateName.AlreadyExistsException',
      message: 'Launch template name already in use.',
    });
  });

  it('gives back the data of a version as it was sent', async () => {
    const { template, groupId } = await webTemplate();
    const versions = await ec2.send(
      new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: template.LaunchTemplateId, Versions: ['1'] }),
    );
    expect(versions.LaunchTemplateVersions).toMatchObject([
      {
        VersionNumber: 1,
        VersionDescription: 'first',
        DefaultVersion: true,
        LaunchTemplateData: {
          ImageId: image,
          InstanceType: 't3.micro',
          SecurityGroupIds: [groupId],
          TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web' }] }],
        },
      },
    ]);
  });

  it('adds a version from a source version, and $Latest and $Default pick their versions', async () => {
    const { template } = await webTemplate();
    const added = await ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateName: 'web-server',
        SourceVersion: '1',
        LaunchTemplateData: { InstanceType: 't3.small' },
      }),
    );
    expect(added.LaunchTemplateVersion).toMatchObject({
      VersionNumber: 2,
      DefaultVersion: false,
      LaunchTemplateData: { ImageId: image, InstanceType: 't3.small' },
    });
    const picked = await ec2.send(
      new DescribeLaunchTemplateVersionsCommand({
        LaunchTemplateId: template.LaunchTemplateId,
        Versions: ['$Latest', '$Default'],
      }),
    );
    expect(picked.LaunchTemplateVersions!.map((v) => v.VersionNumber)).toEqual([2, 1]);
  });

  it('makes another version the default', async () => {
    await webTemplate();
    await ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateName: 'web-server',
        LaunchTemplateData: { ImageId: image },
      }),
    );
    const modified = await ec2.send(
      new ModifyLaunchTemplateCommand({ LaunchTemplateName: 'web-server', DefaultVersion: '2' }),
    );
    expect(modified.LaunchTemplate).toMatchObject({ DefaultVersionNumber: 2, LatestVersionNumber: 2 });
  });

  it('refuses a version that does not exist', async () => {
    const { template } = await webTemplate();
    const error = await errorOf(
      ec2.send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: template.LaunchTemplateId, DefaultVersion: '7' })),
    );
    expect(error.name).toBe('InvalidLaunchTemplateId.VersionNotFound');
  });

  it('describes templates by name, and refuses a name that does not exist', async () => {
    const { template } = await webTemplate();
    const described = await ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: ['web-server'] }));
    expect(described.LaunchTemplates!.map((t) => t.LaunchTemplateId)).toEqual([template.LaunchTemplateId]);
    const error = await errorOf(ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: ['nope'] })));
    expect(error.name).toBe('InvalidLaunchTemplateName.NotFoundException');
  });

  it('deletes a template, after which its id is not found', async () => {
    const { template } = await webTemplate();
    await ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: template.LaunchTemplateId }));
    const error = await errorOf(
      ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [template.LaunchTemplateId!] })),
    );
    expect(error).toMatchObject({
      name: 'InvalidLaunchTemplateId.NotFound',
      message: `The specified launch template, with template ID ${template.LaunchTemplateId}, does not exist.`,
    });
  });
});

describe('RunInstances with a launch template', () => {
  it('launches with the template’s image, type, groups and tags', async () => {
    const { groupId } = await webTemplate();
    const launched = await ec2.send(
      new RunInstancesCommand({ MinCount: 1, MaxCount: 1, LaunchTemplate: { LaunchTemplateName: 'web-server' } }),
    );
    expect(launched.Instances![0]).toMatchObject({
      ImageId: image,
      InstanceType: 't3.micro',
      SecurityGroups: [{ GroupId: groupId }],
      Tags: expect.arrayContaining([{ Key: 'Name', Value: 'web' }]),
    });
  });

  it('tags each instance with the template’s id and the version it was launched from, as EC2 does', async () => {
    const { template } = await webTemplate();
    const launched = await ec2.send(
      new RunInstancesCommand({ MinCount: 1, MaxCount: 1, LaunchTemplate: { LaunchTemplateName: 'web-server' } }),
    );
    expect(launched.Instances![0]!.Tags).toEqual([
      { Key: 'Name', Value: 'web' },
      { Key: 'aws:ec2launchtemplate:id', Value: template.LaunchTemplateId },
      { Key: 'aws:ec2launchtemplate:version', Value: '1' },
    ]);
  });

  it('lets the request’s own parameters override the template’s', async () => {
    const { template } = await webTemplate();
    const launched = await ec2.send(
      new RunInstancesCommand({
        MinCount: 1,
        MaxCount: 1,
        InstanceType: 't3.small',
        LaunchTemplate: { LaunchTemplateId: template.LaunchTemplateId, Version: '$Latest' },
      }),
    );
    expect(launched.Instances![0]).toMatchObject({ ImageId: image, InstanceType: 't3.small' });
  });

  it('refuses a template that does not exist', async () => {
    const error = await errorOf(
      ec2.send(new RunInstancesCommand({ MinCount: 1, MaxCount: 1, LaunchTemplate: { LaunchTemplateName: 'nope' } })),
    );
    expect(error.name).toBe('InvalidLaunchTemplateName.NotFoundException');
  });
});
