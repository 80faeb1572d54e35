import type { ComponentType } from 'react';
import type { PickerKind } from '@dify-console/shared/template/types';

/** What the form learns about a picked resource. */
export interface PickedResource {
  id: string;
  name: string;
  vpcId?: string;
  endpoint?: string | null;
  cidrBlock?: string;
}

/** Props the form gives a picker; antd Form.Item adds `id`, `value` and `onChange`. */
export interface PickerSlotProps {
  kind: PickerKind;
  label: string;
  placeholder?: string;
  createLink?: string;
  regionId?: string;
  vpcId?: string;
  allowClear?: boolean;
  onPick?: (item: PickedResource | undefined) => void;
}

/**
 * The controls another feature provides (features do not import each other; the route composes
 * them): the resource pickers and the region select.
 */
export interface DeploySlots {
  ResourcePicker: ComponentType<PickerSlotProps>;
  RegionSelect: ComponentType<{ label: string }>;
}
