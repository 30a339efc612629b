/** Where EC2 runs: the sandbox's regions and each one's availability zones. */
import { AwsError } from '../aws-error';
import type { QueryOperation } from '../protocols/query';
import { regionZones, sandboxRegions, zoneIdOf, zonesOf } from '../regions';
import type { Tag } from '../state';
import { applyFilters } from './ec2-filters';

/** DescribeRegions and DescribeAvailabilityZones. */
export const regionOperations: Record<string, QueryOperation> = {
  DescribeRegions: {
    run(params) {
      const names = params.list('RegionName');
      const unknown = names.find((name) => !Object.hasOwn(regionZones, name));
      if (unknown) throw new AwsError('InvalidParameterValue', `Invalid region: ${unknown}`);
      const regions = (names.length ? names : sandboxRegions).map((name) => ({
        regionName: name,
        regionEndpoint: `ec2.${name}.amazonaws.com`,
        optInStatus: 'opt-in-not-required',
      }));
      return { regionInfo: regions };
    },
  },

  DescribeAvailabilityZones: {
    run(params, ctx) {
      const zones = zonesOf(ctx.region).map((zone) => ({ zoneName: zone, zoneId: zoneIdOf(zone), tags: [] as Tag[] }));
      const wanted = params.list('ZoneName');
      const selected = applyFilters(
        zones.filter((z) => wanted.length === 0 || wanted.includes(z.zoneName)),
        params,
        {
          'zone-name': (z) => [z.zoneName],
          'zone-id': (z) => [z.zoneId],
          state: () => ['available'],
          'region-name': () => [ctx.region],
        },
      );
      return {
        availabilityZoneInfo: selected.map((z) => ({
          zoneName: z.zoneName,
          zoneState: 'available',
          regionName: ctx.region,
          zoneId: z.zoneId,
          zoneType: 'availability-zone',
          optInStatus: 'opt-in-not-required',
          groupName: ctx.region,
          networkBorderGroup: ctx.region,
          messageSet: [],
        })),
      };
    },
  },
};
