import { DeployWizard } from '../../features/deploy/components/deploy-wizard';
import type { DeploySlots } from '../../features/deploy/slots';
import { RegionSelect } from '../../features/resources/components/region-select';
import { ResourcePicker } from '../../features/resources/components/resource-picker';

/** The deploy wizard, with the resource pickers it needs from the resources feature. */
const slots: DeploySlots = { ResourcePicker, RegionSelect };

export function DeployRoute() {
  return <DeployWizard slots={slots} />;
}
