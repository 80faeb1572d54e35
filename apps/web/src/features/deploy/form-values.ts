import { proposeInstanceName } from '@dify-console/shared/domain/rules';
import {
  defaultParameterValues,
  HA_EXISTING_TEMPLATE,
  type DeploymentParametersInput,
  type ParameterName,
} from '@dify-console/shared/template/templates';
import type { PickerKind } from '@dify-console/shared/template/types';

/** The values of step 1: the template's parameters plus what Compute Nest asks before them. */
export type FormValues = DeploymentParametersInput & {
  templateName: string;
  instanceName: string;
  regionId: string;
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
