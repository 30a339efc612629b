/** Where EC2 runs: the account's regions, enabled or not, and each served region's availability zones. */
import { AwsError } from '../aws-error';
import type { QueryOperation } from '../protocols/query';
import { regionOptInStatus, zoneIdOf, zonesOf } from '../regions';
import type { Tag } from '../state';
import { applyFilters } from './ec2-filters';

/** DescribeRegions and DescribeAvailabilityZones. */
export const regionOperations: Record<string, QueryOperation> = {
  DescribeRegions: {
    run(params) {
      const names = params.list('RegionName');
      const unknown = names.find((name) => !Object.hasOwn(regionOptInStatus, name));
      if (unknown) throw new AwsError('InvalidParameterValue', `Invalid region: ${unknown}`);
      // Named regions are described whether enabled or not; otherwise only enabled ones, unless AllRegions.
      const all = params.bool('AllRegions') ?? false;
      const listed = names.length
        ? names
        : Object.keys(regionOptInStatus).filter((name) => all || regionOptInStatus[name] !== 'not-opted-in');
      const regions = listed.map((name) => ({
        regionName: name,
        regionEndpoint: `ec2.${name}.amazonaws.com`,
        optInStatus: regionOptInStatus[name]!,
        tags: [] as Tag[],
      }));
      const selected = applyFilters(regions, params, {
        endpoint: (r) => [r.regionEndpoint],
        'opt-in-status': (r) => [r.optInStatus],
        'region-name': (r) => [r.regionName],
      });
      return { regionInfo: selected.map(({ tags: _tags, ...region }) => region) };
    },
  },

  DescribeAvailabilityZones: {
    run(params, ctx) {
      // Every zone here is an Availability Zone (no Local or Wavelength Zones), so AllAvailabilityZones adds none.
      const zones = zonesOf(ctx.region).map((zone) => ({
        zoneName: zone,
        zoneState: 'available',
        regionName: ctx.region,
        zoneId: zoneIdOf(zone),
        zoneType: 'availability-zone',
        optInStatus: 'opt-in-not-required',
        groupName: `${ctx.region}-zg-1`,
        networkBorderGroup: ctx.region,
        messageSet: [],
        tags: [] as Tag[],
      }));
      const names = params.list('ZoneName');
      const ids = params.list('ZoneId');
      const selected = applyFilters(
        zones.filter(
          (z) => (names.length === 0 || names.includes(z.zoneName)) && (ids.length === 0 || ids.includes(z.zoneId)),
        ),
        params,
        {
          'zone-name': (z) => [z.zoneName],
          'zone-id': (z) => [z.zoneId],
          'zone-type': (z) => [z.zoneType],
          state: (z) => [z.zoneState],
          'region-name': (z) => [z.regionName],
          'opt-in-status': (z) => [z.optInStatus],
          'group-name': (z) => [z.groupName],
          'network-border-group': (z) => [z.networkBorderGroup],
        },
      );
      return { availabilityZoneInfo: selected.map(({ tags: _tags, ...zone }) => zone) };
    },
  },
};
