import type { Localized } from '../domain/i18n';
import type { ValueRule } from '../domain/value-rules';

/** The form sections, in the order of the Compute Nest screens. */
export const FIELD_GROUPS = ['network', 'kubernetes', 'postgres', 'redis', 'vectorDb', 'service'] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

export const GROUP_LABELS: Record<FieldGroup, Localized> = {
  network: { 'zh-CN': '网络配置', en: 'Network' },
  kubernetes: { 'zh-CN': 'Kubernetes配置', en: 'Kubernetes' },
  postgres: { 'zh-CN': 'PostgreSQL 数据库配置', en: 'PostgreSQL database' },
  redis: { 'zh-CN': 'Redis数据库配置', en: 'Redis database' },
  vectorDb: { 'zh-CN': '向量数据库配置', en: 'Vector database' },
  service: { 'zh-CN': '高可用配置', en: 'High availability' },
};

/** Which resource list fills a field. */
export type PickerKind = 'vpc' | 'cluster' | 'postgres' | 'redis' | 'milvus';

export type Widget = 'select' | 'text' | 'password' | 'switch';

/**
 * How to recognise the template parameter a field is sent as, in the service's own template:
 * by its `AssociationProperty` first (the resource picker ROS draws for it), then by the shape of
 * its name (patterns, never one exact name: a service version may rename its parameters).
 */
export interface Recognition {
  associationProperties: readonly string[];
  namePatterns: readonly RegExp[];
  /** The template parameter's Type this field can fill. */
  type: 'String' | 'Boolean';
}

export interface FieldDef<R extends ValueRule = ValueRule> {
  group: FieldGroup;
  /** Position inside its group, as on the Compute Nest screen. */
  order: number;
  label: Localized;
  help: Localized;
  placeholder?: Localized;
  /** The value rule: the form checks it as it stands, the BFF and the contract through its zod schema (`schemaOf`). */
  rule: R;
  /** What the field is, in English, for the API contract (OpenAPI). */
  description: string;
  widget: Widget;
  /** NoEcho: sent to the cloud only, masked whenever shown back, redacted from logs. */
  noEcho: boolean;
  picker?: PickerKind;
  /** How to find the template parameter this field is sent as; null = used by the console only. */
  recognise: Recognition | null;
  defaultValue?: string | boolean;
  /** Link to create such a resource in the Alibaba Cloud console ({regionId} is replaced). */
  createLink?: string;
}

export type FieldDefs = Record<string, FieldDef>;
