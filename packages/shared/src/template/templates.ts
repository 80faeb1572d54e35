import type { DeploymentParametersInput } from './schema';
import type { Localized } from '../domain/i18n';
import { HA_EXISTING_FIELDS } from './ha-existing';
import { FIELD_GROUPS, type FieldDef, type FieldGroup } from './types';

/** The Compute Nest Dify community-edition service (the guide's deployment link). */
export const DIFY_SERVICE_ID = 'service-c8afb895dd314f70a020';

type Fields = typeof HA_EXISTING_FIELDS;
// The zod schema of the parameters is in ./schema (the BFF's and the contract's): this module stays
// free of zod, so that the browser's first screen can draw the form without a schema library.
export type { DeploymentParameters, DeploymentParametersInput } from './schema';
export type ParameterName = keyof Fields;

export interface TemplateDescription {
  /** The Compute Nest template name, passed as `TemplateName`. */
  name: string;
  label: Localized;
  description: Localized;
  fields: Record<ParameterName, FieldDef>;
}

export const HA_EXISTING_TEMPLATE: TemplateDescription = {
  name: '高可用版-已有资源',
  label: { 'zh-CN': '高可用版-已有资源', en: 'HA, existing resources' },
  description: {
    'zh-CN': '使用已有的 ACK 集群、RDS PostgreSQL、Redis 和 Milvus 部署高可用的 Dify，所有资源需位于同一个 VPC',
    en: 'Deploys highly available Dify onto your existing ACK cluster, RDS PostgreSQL, Redis and Milvus, all in one VPC',
  },
  fields: HA_EXISTING_FIELDS,
};

/** The templates whose fields the console describes (the service lists its own, at run time). */
export const TEMPLATES = [HA_EXISTING_TEMPLATE] as const;
/**
 * The service's other templates, in the console's words (it lists them as the service does but
 * deploys onto existing resources only); a name not here is shown as the service writes it.
 */
export const OTHER_TEMPLATE_LABELS: Record<string, Localized> = {
  单机版: { 'zh-CN': '单机版', en: 'Single node (new ECS)' },
  高可用版: { 'zh-CN': '高可用版', en: 'HA, new resources' },
};

/** A template's name in the user's words, when the console knows it. */
export function templateLabel(name: string): Localized | undefined {
  return findTemplate(name)?.label ?? OTHER_TEMPLATE_LABELS[name];
}

export function findTemplate(name: string): TemplateDescription | undefined {
  return TEMPLATES.find((t) => t.name === name);
}

export interface OrderedField {
  name: ParameterName;
  def: FieldDef;
}

/** The fields of a template grouped as on the Compute Nest screens, each group in its order. */
export function fieldsByGroup(template: TemplateDescription): { group: FieldGroup; fields: OrderedField[] }[] {
  const entries = Object.entries(template.fields) as [ParameterName, FieldDef][];
  return FIELD_GROUPS.map((group) => ({
    group,
    fields: entries
      .filter(([, def]) => def.group === group)
      .sort(([, a], [, b]) => a.order - b.order)
      .map(([name, def]) => ({ name, def })),
  })).filter((g) => g.fields.length > 0);
}

/** Names of the NoEcho fields: the one rule for masking and redaction. */
export function secretParameterNames(template: TemplateDescription = HA_EXISTING_TEMPLATE): ParameterName[] {
  return (Object.entries(template.fields) as [ParameterName, FieldDef][])
    .filter(([, def]) => def.noEcho)
    .map(([name]) => name);
}

export const MASK = '******';

/** A copy of the parameters with every NoEcho value replaced by the mask. */
export function maskParameters<T extends Record<string, unknown>>(
  parameters: T,
  template: TemplateDescription = HA_EXISTING_TEMPLATE,
): T {
  const secrets = new Set<string>(secretParameterNames(template));
  return Object.fromEntries(
    Object.entries(parameters).map(([k, v]) => [k, secrets.has(k) && v !== undefined ? MASK : v]),
  ) as T;
}

/** Default values the form starts with. */
export function defaultParameterValues(template: TemplateDescription = HA_EXISTING_TEMPLATE) {
  return Object.fromEntries(
    Object.entries(template.fields)
      .filter(([, def]) => def.defaultValue !== undefined)
      .map(([k, def]) => [k, def.defaultValue]),
  ) as Partial<DeploymentParametersInput>;
}
