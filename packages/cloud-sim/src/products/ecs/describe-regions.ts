import { REGIONS, isEnglish } from '../region-catalog';
import { hosts } from '../hosts';
import type { ActionHandler } from '../types';

/** ECS DescribeRegions: `Regions.Region[]`, LocalName in zh-CN unless AcceptLanguage is en-US. */
export const describeRegions: ActionHandler = ({ params }) => {
  const english = isEnglish(params.get('AcceptLanguage'));
  return {
    Regions: {
      Region: REGIONS.map((r) => ({
        RegionId: r.regionId,
        LocalName: english ? r.en : r.zh,
        RegionEndpoint: hosts.ecs(r.regionId),
        Status: 'available',
      })),
    },
  };
};
