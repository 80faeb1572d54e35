import { REGIONS, isEnglish } from '../region-catalog';
import { hosts } from '../hosts';
import type { ActionHandler } from '../types';

/** VPC DescribeRegions: `Regions.Region[]` {RegionId, LocalName, RegionEndpoint}; no RegionId needed. */
export const describeRegions: ActionHandler = ({ params }) => {
  const english = isEnglish(params.get('AcceptLanguage'));
  return {
    Regions: {
      Region: REGIONS.map((r) => ({
        RegionId: r.regionId,
        LocalName: english ? r.en : r.zh,
        RegionEndpoint: hosts.vpc(r.regionId),
      })),
    },
  };
};
