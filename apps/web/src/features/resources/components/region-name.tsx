import { useT } from '../../../lib/i18n/use-t';
import { useRegions } from '../api/list-regions';

/** A region's name in the UI language, its id while the list loads or if it is unknown. */
export function RegionName({ regionId }: { regionId: string }) {
  const { locale } = useT();
  const regions = useRegions(locale);
  const name = regions.data?.items.find((r) => r.regionId === regionId)?.name;
  return <>{name ? `${name} ${regionId}` : regionId}</>;
}
