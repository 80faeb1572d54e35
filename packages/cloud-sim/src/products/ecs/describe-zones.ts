import { SimError } from '../../protocol/errors';
import { findRegion, isEnglish, zoneLocalName } from '../region-catalog';
import type { ActionHandler } from '../types';

export function unknownRegion(regionId: string): SimError {
  // Code used by ECS/VPC for a region id they do not serve; status UNCONFIRMED.
  return new SimError(
    'InvalidRegionId.NotFound',
    404,
    `The specified RegionId "${regionId}" does not exist.`,
  );
}

/** ECS DescribeZones: `Zones.Zone[]` with a few capability lists. */
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
        ZoneType: 'AvailabilityZone',
        AvailableResourceCreation: {
          ResourceTypes: ['VSwitch', 'IoOptimized', 'Instance', 'Disk'],
        },
        AvailableInstanceTypes: {
          InstanceTypes: ['ecs.g7.xlarge', 'ecs.g7.2xlarge', 'ecs.c7.xlarge', 'ecs.r7.xlarge'],
        },
        AvailableDiskCategories: { DiskCategories: ['cloud_essd', 'cloud_auto'] },
      })),
    },
  };
};
