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
  /** `restored`: the picker found the item of a value it was given (e.g. a reopened form), not a new choice. */
  onPick?: (item: PickedResource | undefined, how?: 'chosen' | 'restored') => void;
}

/**
 * The controls another feature provides (features do not import each other; the route composes
 * them): the resource pickers, the region select and the region's name.
 */
export interface DeploySlots {
  ResourcePicker: ComponentType<PickerSlotProps>;
  RegionSelect: ComponentType<{ label: string }>;
  /** The region's name in the UI language (e.g. 华东1（杭州）), for the order summary. */
  RegionName: ComponentType<{ regionId: string }>;
}
