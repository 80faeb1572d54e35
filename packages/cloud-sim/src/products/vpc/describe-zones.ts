import { unknownRegion } from '../ecs/describe-zones';
import { findRegion, isEnglish, zoneLocalName } from '../region-catalog';
import type { ActionHandler } from '../types';

/** VPC DescribeZones: `Zones.Zone[]` {ZoneId, LocalName, ZoneType}. */
export const describeZones: ActionHandler = ({ params }) => {
  const regionId = params.required('RegionId');
  const region = findRegion(regionId);
  if (!region) throw unknownRegion(regionId);
  const english = isEnglish(params.get('AcceptLanguage'));
  return {
    Zones: {
      Zone: region.zones.map((z) => ({
        ZoneId: `${regionId}-${z}`,
        LocalName: zoneLocalName(region, z, english),
        ZoneType: params.get('ZoneType') ?? 'AvailabilityZone',
      })),
    },
  };
};
