import { proposeInstanceName } from '@dify-console/shared/domain/value-rules';
import {
  defaultParameterValues,
  findTemplate,
  HA_EXISTING_TEMPLATE,
  MASK,
  secretParameterNames,
  type DeploymentParametersInput,
  type ParameterName,
} from '@dify-console/shared/template/templates';
import type { PickerKind } from '@dify-console/shared/template/types';

/** The values of step 1: the template's parameters plus what Compute Nest asks before them. */
export type FormValues = DeploymentParametersInput & {
  templateName: string;
  instanceName: string;
  regionId: string;
  /** Values of the template's parameters the console does not know (drawn from their metadata), by their names. */
  templateParameters?: Record<string, string | number | boolean | null | undefined>;
  /** The service version the form was drawn from: the order is pinned to it (not a field). */
  serviceVersion?: string;
};

export const DEFAULT_REGION_ID = 'cn-hangzhou';

/** The resource pickers that depend on the chosen VPC, and the field each fills. */
export const VPC_SCOPED_PICKERS = {
  cluster: 'clusterId',
  postgres: 'postgresInstanceId',
  redis: 'redisInstanceId',
  milvus: 'milvusInstanceId',
} as const satisfies Record<Exclude<PickerKind, 'vpc'>, ParameterName>;

export type VpcScopedKind = keyof typeof VPC_SCOPED_PICKERS;
export const VPC_SCOPED_KINDS = Object.keys(VPC_SCOPED_PICKERS) as VpcScopedKind[];

/** Passwords have no default and are never restored: they start empty every time. */
export function initialValues(random?: () => number): Partial<FormValues> {
  return {
    templateName: HA_EXISTING_TEMPLATE.name,
    instanceName: proposeInstanceName(random),
    regionId: DEFAULT_REGION_ID,
    ...defaultParameterValues(HA_EXISTING_TEMPLATE),
  };
}

/** Every field of step 1, in form order. */
export const FORM_FIELD_NAMES: readonly string[] = ['templateName', 'instanceName', 'regionId', ...Object.keys(HA_EXISTING_TEMPLATE.fields), 'templateParameters'];

/** Fields whose value is an object of named values: an issue's next path segment names the value. */
export const NESTED_FIELD_NAMES: readonly string[] = ['templateParameters'];

/** What the form is reopened with after a failed deployment ("back to edit parameters"). */
export interface DeployPrefill {
  name: string;
  regionId: string;
  templateName: string;
  parameters: Record<string, unknown>;
  /** The fields the failure points at, highlighted when the form opens. */
  invalidFields: string[];
  /** Why, shown on those fields. */
  reason: string;
}

/**
 * Whether a page's history state holds a prefill (checked by hand: the first screen carries no
 * schema library, and this is the web's own state, not the BFF's answer).
 */
export function isDeployPrefill(value: unknown): value is DeployPrefill {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const isString = (x: unknown) => typeof x === 'string';
  return (
    isString(v.name) &&
    isString(v.regionId) &&
    isString(v.templateName) &&
    isString(v.reason) &&
    typeof v.parameters === 'object' &&
    v.parameters !== null &&
    !Array.isArray(v.parameters) &&
    Array.isArray(v.invalidFields) &&
    v.invalidFields.every(isString)
  );
}

/** Known, non-secret parameters only: a NoEcho value (or anything masked) is never carried over. */
export function nonSecretParameters(parameters: Record<string, unknown>): Partial<DeploymentParametersInput> {
  const secrets = new Set<string>(secretParameterNames(HA_EXISTING_TEMPLATE));
  return Object.fromEntries(
    Object.entries(parameters).filter(
      ([k, v]) => Object.hasOwn(HA_EXISTING_TEMPLATE.fields, k) && !secrets.has(k) && v !== MASK && v !== undefined && v !== null,
    ),
  );
}

/** The form's starting values: the defaults, overlaid by a failed deployment's values when reopened. */
/**
 * The name proposed for another try: the user's own name with `-2` (or the next number when it
 * already ends in one), within the 64 characters of the rule.
 */
export function retryName(name: string): string {
  const m = /^(.*)-(\d+)$/.exec(name);
  const stem = m && m[1] ? m[1] : name;
  const suffix = `-${m ? Number(m[2]) + 1 : 2}`;
  return stem.slice(0, 64 - suffix.length) + suffix;
}

export function startingValues(prefill?: DeployPrefill): Partial<FormValues> {
  const base = initialValues();
  if (!prefill) return base;
  return {
    ...base,
    ...nonSecretParameters(prefill.parameters),
    // The failed instance keeps its name until it is deleted: the user's name with a suffix.
    instanceName: prefill.name ? retryName(prefill.name) : base.instanceName,
    regionId: prefill.regionId || base.regionId,
    templateName: findTemplate(prefill.templateName)?.name ?? base.templateName,
  };
}
