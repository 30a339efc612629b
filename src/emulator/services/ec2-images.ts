/** The machine images instances launch from: Amazon Linux 2023, one id per region. */
import { AwsError } from '../aws-error';
import { fnv32 } from '../ids';
import type { QueryOperation } from '../protocols/query';
import type { Tag } from '../state';
import { applyFilters } from './ec2-filters';

/** The Amazon Linux 2023 image the sandbox offers in a region; SSM's public parameter names the same id. */
export function amazonLinuxImageId(region: string): string {
  return `ami-0${fnv32(region, 2166136261)}${fnv32(region, 16777619)}`;
}

/** DescribeImages: the one image the sandbox offers. */
export const imageOperations: Record<string, QueryOperation> = {
  DescribeImages: {
    run(params, ctx) {
      const images = [
        {
          id: amazonLinuxImageId(ctx.region),
          name: 'al2023-ami-2023.9.20251117.1-kernel-6.1-x86_64',
          description: 'Amazon Linux 2023 AMI 2023.9.20251117.1 x86_64 HVM kernel-6.1',
          tags: [] as Tag[],
        },
      ];
      const wanted = params.list('ImageId');
      const missing = wanted.filter((id) => !images.some((image) => image.id === id));
      if (missing.length)
        throw new AwsError('InvalidAMIID.NotFound', `The image id '[${missing.join(', ')}]' does not exist`);
      const selected = applyFilters(
        images.filter((i) => wanted.length === 0 || wanted.includes(i.id)),
        params,
        {
          'image-id': (i) => [i.id],
          name: (i) => [i.name],
          'owner-alias': () => ['amazon'],
          state: () => ['available'],
          architecture: () => ['x86_64'],
        },
      );
      return {
        imagesSet: selected.map((i) => ({
          imageId: i.id,
          imageLocation: `amazon/${i.name}`,
          imageState: 'available',
          imageOwnerId: '137112412989',
          isPublic: true,
          architecture: 'x86_64',
          imageType: 'machine',
          name: i.name,
          description: i.description,
          rootDeviceType: 'ebs',
          rootDeviceName: '/dev/xvda',
          virtualizationType: 'hvm',
          hypervisor: 'xen',
          imageOwnerAlias: 'amazon',
          platformDetails: 'Linux/UNIX',
          creationDate: '2025-11-17T00:00:00.000Z',
        })),
      };
    },
  },
};
