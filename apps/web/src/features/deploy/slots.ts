import type { ComponentType } from 'react';
import type { QuoteRequest } from '@dify-console/shared/api/deployments';
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
 * Where the pre-flight checks stand, as the order button needs it: `running` (ordering waits),
 * `failed` (no order), `warnings` (an order once these warnings, identified by `key`, are
 * acknowledged), `unavailable` (the checks could not run: an order only on acknowledgement), `passed`.
 */
export type PreflightGate =
  | { state: 'running' }
  | { state: 'failed'; count: number }
  | { state: 'warnings'; count: number; key: string }
  | { state: 'unavailable' }
  | { state: 'passed' };

/** Props the review step gives the checklist: what to check, and where to report the outcome. */
export interface PreflightSlotProps {
  /** Region, template and parameters: the same as the quote's. */
  request: QuoteRequest;
  /** The template's NoEcho parameters among `request.templateParameters` (masked in cache keys). */
  secretKeys?: readonly string[];
  onGateChange: (gate: PreflightGate) => void;
}

/**
 * The controls another feature provides (features do not import each other; the route composes
 * them): the resource pickers, the region select, the region's name and the pre-flight checklist.
 */
export interface DeploySlots {
  ResourcePicker: ComponentType<PickerSlotProps>;
  RegionSelect: ComponentType<{ label: string }>;
  /** The region's name in the UI language (e.g. 华东1（杭州）), for the order summary. */
  RegionName: ComponentType<{ regionId: string }>;
  /** "部署前检查" in step 2, before the price; it tells the order button whether to wait. */
  PreflightChecklist: ComponentType<PreflightSlotProps>;
}
