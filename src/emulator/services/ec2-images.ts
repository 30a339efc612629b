/** The machine images instances launch from: Amazon Linux 2023 for x86_64 and for arm64, one id of each per region. */
import { AwsError } from '../aws-error';
import { fnv32 } from '../ids';
import type { QueryOperation } from '../protocols/query';
import type { Tag } from '../state';
import { applyFilters } from './ec2-filters';
import type { Architecture } from './ec2-instance-type-catalogue';

/** The architectures Amazon Linux 2023 is built for. */
export type ImageArchitecture = Extract<Architecture, 'x86_64' | 'arm64'>;

/** The root volume an image's block device mapping gives each instance launched from it. */
export interface RootDevice {
  deviceName: string;
  sizeGiB: number;
  volumeType: 'gp3';
  iops: number;
  throughput: number;
  deleteOnTermination: boolean;
}

/** A machine image as the sandbox knows it. */
export interface SandboxImage {
  imageId: string;
  name: string;
  description: string;
  architecture: ImageArchitecture;
  virtualizationType: 'hvm';
  rootDevice: RootDevice;
  /**
   * `v2.0` when the image requires IMDSv2: instances launched from it require metadata tokens unless the launch says
   * otherwise, as Amazon Linux 2023's images do.
   */
  imdsSupport?: 'v2.0';
  tags: Tag[];
}

/** Amazon Linux 2023's block device mapping: an 8 GiB gp3 root at /dev/xvda, deleted with the instance. */
export const amazonLinuxRootDevice: RootDevice = {
  deviceName: '/dev/xvda',
  sizeGiB: 8,
  volumeType: 'gp3',
  iops: 3000,
  throughput: 125,
  deleteOnTermination: true,
};

/** The Amazon Linux 2023 release the sandbox's images are built from. */
export const amazonLinuxRelease = '2023.9.20251117.1';

/**
 * The Amazon Linux 2023 image the sandbox offers in a region for an architecture; SSM's public parameters name the
 * same ids. The x86_64 id is the one the sandbox has always given, so saved sandboxes keep launching it.
 */
export function amazonLinuxImageId(region: string, architecture: ImageArchitecture = 'x86_64'): string {
  const seed = architecture === 'x86_64' ? region : `${region}/${architecture}`;
  return `ami-0${fnv32(seed, 2166136261)}${fnv32(seed, 16777619)}`;
}

/** The images the sandbox offers in a region: Amazon Linux 2023 for each architecture. */
export function imagesOf(region: string): SandboxImage[] {
  return (['x86_64', 'arm64'] as const).map((architecture) => ({
    imageId: amazonLinuxImageId(region, architecture),
    name: `al2023-ami-${amazonLinuxRelease}-kernel-6.1-${architecture}`,
    description: `Amazon Linux 2023 AMI ${amazonLinuxRelease} ${architecture} HVM kernel-6.1`,
    architecture,
    virtualizationType: 'hvm',
    rootDevice: amazonLinuxRootDevice,
    imdsSupport: 'v2.0' as const,
    tags: [],
  }));
}

/**
 * The image an instance launches from. An id the sandbox does not offer is still launched, as an x86_64 HVM image
 * with Amazon Linux's root device but not marked for IMDSv2 only, since tests and tutorials use made-up AMI ids; AWS
 * would refuse it.
 */
export function launchImage(region: string, imageId: string): SandboxImage {
  return (
    imagesOf(region).find((image) => image.imageId === imageId) ?? {
      ...imagesOf(region)[0]!,
      imageId,
      imdsSupport: undefined,
    }
  );
}

/** The snapshot an image's root volume is made from: one per image, named after it. */
export function rootSnapshotId(imageId: string): string {
  return `snap-0${fnv32(imageId, 2166136261)}${fnv32(imageId, 16777619)}`;
}

/** DescribeImages: the images the sandbox offers. */
export const imageOperations: Record<string, QueryOperation> = {
  DescribeImages: {
    run(params, ctx) {
      const images = imagesOf(ctx.region);
      const wanted = params.list('ImageId');
      const missing = wanted.filter((id) => !images.some((image) => image.imageId === id));
      if (missing.length)
        throw new AwsError('InvalidAMIID.NotFound', `The image id '[${missing.join(', ')}]' does not exist`);
      const selected = applyFilters(
        images.filter((i) => wanted.length === 0 || wanted.includes(i.imageId)),
        params,
        {
          'image-id': (i) => [i.imageId],
          name: (i) => [i.name],
          'owner-alias': () => ['amazon'],
          state: () => ['available'],
          architecture: (i) => [i.architecture],
          'virtualization-type': (i) => [i.virtualizationType],
          'root-device-type': () => ['ebs'],
          'root-device-name': (i) => [i.rootDevice.deviceName],
        },
      );
      return {
        imagesSet: selected.map((i) => ({
          imageId: i.imageId,
          imageLocation: `amazon/${i.name}`,
          imageState: 'available',
          imageOwnerId: '137112412989',
          isPublic: true,
          architecture: i.architecture,
          imageType: 'machine',
          name: i.name,
          description: i.description,
          rootDeviceType: 'ebs',
          rootDeviceName: i.rootDevice.deviceName,
          blockDeviceMapping: [
            {
              deviceName: i.rootDevice.deviceName,
              ebs: {
                snapshotId: rootSnapshotId(i.imageId),
                volumeSize: i.rootDevice.sizeGiB,
                deleteOnTermination: i.rootDevice.deleteOnTermination,
                volumeType: i.rootDevice.volumeType,
                iops: i.rootDevice.iops,
                throughput: i.rootDevice.throughput,
                encrypted: false,
              },
            },
          ],
          virtualizationType: i.virtualizationType,
          hypervisor: 'xen',
          enaSupport: true,
          imageOwnerAlias: 'amazon',
          platformDetails: 'Linux/UNIX',
          usageOperation: 'RunInstances',
          bootMode: i.architecture === 'arm64' ? 'uefi' : 'uefi-preferred',
          imdsSupport: i.imdsSupport,
          creationDate: '2025-11-17T00:00:00.000Z',
        })),
      };
    },
  },
};
