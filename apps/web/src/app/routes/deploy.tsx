import { lazyPart } from '../../lib/lazy-part';
import { useLocation, useNavigate } from '../../lib/router';
import { DeployWizard } from '../../features/deploy/components/deploy-wizard';
import { isDeployPrefill } from '../../features/deploy/form-values';
import type { DeploySlots } from '../../features/deploy/slots';
import { RegionSelect } from '../../features/resources/components/region-select';
import { ResourcePicker } from '../../features/resources/components/resource-picker';

/** Shown in step 2 only, so loaded with it. */
const RegionName = lazyPart(() => import('../../features/resources/components/region-name').then((m) => ({ default: m.RegionName })));

/** Step 2's pre-flight checklist, from the preflight feature: loaded with step 2. */
const PreflightChecklist = lazyPart(() => import('../../features/preflight/components/preflight-checklist'));

/** The deploy wizard, with the resource pickers of the resources feature and the checks of preflight. */
const slots: DeploySlots = { ResourcePicker, RegionSelect, RegionName, PreflightChecklist };

/** What a page may hand the wizard in the history state: `{ prefill }` ("back to edit parameters"). */
function prefillOf(state: unknown) {
  const prefill = (state as { prefill?: unknown } | null)?.prefill;
  return isDeployPrefill(prefill) ? prefill : undefined;
}

export function DeployRoute() {
  const location = useLocation();
  const navigate = useNavigate();
  const prefill = prefillOf(location.state);
  return (
    <DeployWizard
      // A reopened deployment starts a fresh wizard; otherwise the wizard keeps its state.
      key={prefill ? location.key : 'new'}
      slots={slots}
      prefill={prefill}
      onOrdered={(instanceId) => void navigate(`/deployments/${encodeURIComponent(instanceId)}`)}
    />
  );
}
