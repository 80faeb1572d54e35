import type { Binding } from '@dify-console/shared/api/template';
import { format, type Locale, type Localized } from '@dify-console/shared/domain/i18n';
import type { Problem } from '@dify-console/shared/domain/problem';

type Issue = NonNullable<Problem['issues']>[number];
import { isDrawable, isRequired, templateValueProblem, type TemplateParameter } from '@dify-console/shared/template/parameter-rules';
import type { FieldDef } from '@dify-console/shared/template/types';
import type { TemplateSummaryRecord } from '../../ports/template';

/**
 * The one place where the service's template meets the console's fields: its parameters read from
 * ROS metadata, each console field bound to one of them (AssociationProperty first, then the shape
 * of the name), the rest drawn from their metadata, and the `Parameters` of an order built.
 */

const REGION_ASSOCIATION = 'ALIYUN::ECS::RegionId';
const REGION_NAME = /^region_?id$/i;
/** The request's deployment region, bound like a field. */
export const REGION_FIELD = 'regionId';

const TEXT = {
  blocked: {
    'zh-CN': '模板参数 {key}（{label}）为必填项，但控制台既无法对应到表单字段，也无法绘制（类型 {type}），因此无法下单',
    en: 'The template parameter {key} ({label}) is required, but the console can neither bind it to a form field nor draw it (type {type}), so it cannot order',
  },
  unknownParameter: {
    'zh-CN': '模板中没有参数 {key}',
    en: 'The template has no parameter {key}',
  },
  notDrawn: {
    'zh-CN': '参数 {key} 由表单字段填写，不能直接指定',
    en: 'The parameter {key} is filled from a form field and cannot be given directly',
  },
} satisfies Record<string, Localized>;

function text(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

const HAN = /[\u3400-\u9fff]/;

/**
 * ROS writes labels as text or as `{ zh-cn, en }`. Each language gets only words of its own: a
 * map's entry for it, or a plain text in its script (Chinese characters: Chinese; none: English);
 * the other language gets `fallback` (the parameter's name, shown as an ID, or nothing).
 */
export function localized(v: unknown, fallback: string): Localized {
  if (typeof v === 'string' && v !== '') return HAN.test(v) ? { 'zh-CN': v, en: fallback } : { 'zh-CN': fallback, en: v };
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const zh = text(o['zh-cn'] ?? o['zh-CN'] ?? o.zh);
    const en = text(o.en ?? o['en-us'] ?? o['en-US']);
    if (zh || en) return { 'zh-CN': zh || fallback, en: en || fallback };
  }
  return { 'zh-CN': fallback, en: fallback };
}
const localizedOrNull = (v: unknown): Localized | null => (v === undefined || v === null || v === '' ? null : localized(v, ''));

function numberOrNull(v: unknown): number | null {
  if (v === undefined || v === null || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}
const scalar = (v: unknown): string | number | boolean | null =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;

/** The template's parameters in its groups' order (ungrouped ones after, as declared). */
export function parseTemplateParameters(summary: TemplateSummaryRecord): TemplateParameter[] {
  const iface = summary.Metadata['ALIYUN::ROS::Interface'];
  const rawGroups =
    iface && typeof iface === 'object' && Array.isArray((iface as Record<string, unknown>).ParameterGroups)
      ? ((iface as Record<string, unknown>).ParameterGroups as Record<string, unknown>[])
      : [];
  const groupOf = new Map<string, { label: Localized | null; index: number }>();
  rawGroups.forEach((g, index) => {
    const label = g.Label && typeof g.Label === 'object' && 'default' in g.Label ? (g.Label).default : g.Label;
    for (const key of Array.isArray(g.Parameters) ? g.Parameters : []) {
      if (typeof key === 'string' && !groupOf.has(key)) groupOf.set(key, { label: localizedOrNull(label), index });
    }
  });
  const params = summary.Parameters.filter((d) => typeof d.ParameterKey === 'string').map((d, declared) => {
    const key = d.ParameterKey as string;
    const allowed = Array.isArray(d.AllowedValues) ? d.AllowedValues.map(scalar).filter((v) => v !== null) : null;
    const parameter: TemplateParameter = {
      key,
      type: text(d.Type) || 'String',
      label: localized(d.Label, key),
      description: localizedOrNull(d.Description),
      default: scalar(d.Default),
      allowedValues: allowed && allowed.length > 0 ? allowed : null,
      allowedPattern: text(d.AllowedPattern) || null,
      minLength: numberOrNull(d.MinLength),
      maxLength: numberOrNull(d.MaxLength),
      minValue: numberOrNull(d.MinValue),
      maxValue: numberOrNull(d.MaxValue),
      noEcho: d.NoEcho === true || d.NoEcho === 'true',
      constraintDescription: localizedOrNull(d.ConstraintDescription),
      associationProperty: text(d.AssociationProperty) || null,
      group: groupOf.get(key)?.label ?? null,
    };
    return { parameter, order: groupOf.get(key)?.index ?? rawGroups.length, declared };
  });
  return params.sort((a, b) => a.order - b.order || a.declared - b.declared).map((p) => p.parameter);
}

export interface TemplateBinding {
  bindings: Binding[];
  drawn: string[];
  blocked: { parameter: string; message: string }[];
}

function fits(def: FieldDef, p: TemplateParameter): boolean {
  if (!def.recognise) return false;
  if (def.recognise.type === 'Boolean' ? p.type !== 'Boolean' : p.type !== 'String') return false;
  // A secret goes only where the template hides it, and nothing else goes there.
  return def.noEcho === p.noEcho;
}

/** Binds the console's fields to the template's parameters; what is left is drawn or blocks. */
export function bindTemplate(params: readonly TemplateParameter[], fields: Record<string, FieldDef>, locale: Locale): TemplateBinding {
  const bindings: Binding[] = [];
  const taken = new Set<string>();
  const take = (field: string, p: TemplateParameter | undefined, by: Binding['by']) => {
    if (!p) return false;
    bindings.push({ field, parameter: p.key, by });
    taken.add(p.key);
    return true;
  };
  const byAssociation = params.find((p) => p.associationProperty === REGION_ASSOCIATION);
  if (!take(REGION_FIELD, byAssociation, 'associationProperty')) take(REGION_FIELD, params.find((p) => REGION_NAME.test(p.key)), 'name');

  const entries = Object.entries(fields).filter(([, def]) => def.recognise);
  const bound = new Set<string>();
  for (const [field, def] of entries) {
    const p = params.find((x) => !taken.has(x.key) && x.associationProperty !== null && def.recognise?.associationProperties.includes(x.associationProperty) && fits(def, x));
    if (take(field, p, 'associationProperty')) bound.add(field);
  }
  for (const [field, def] of entries) {
    if (bound.has(field)) continue;
    const p = params.find((x) => !taken.has(x.key) && def.recognise?.namePatterns.some((re) => re.test(x.key)) && fits(def, x));
    take(field, p, 'name');
  }
  const rest = params.filter((p) => !taken.has(p.key));
  return {
    bindings,
    drawn: rest.filter(isDrawable).map((p) => p.key),
    blocked: rest
      .filter((p) => !isDrawable(p) && isRequired(p))
      .map((p) => ({ parameter: p.key, message: format(TEXT.blocked[locale], { key: p.key, label: p.label[locale], type: p.type }) })),
  };
}

const sent = (p: TemplateParameter, value: unknown): unknown =>
  p.type === 'Number' && typeof value === 'string' ? Number(value) : p.type === 'Boolean' && typeof value === 'string' ? value === 'true' : value;

/**
 * The `Parameters` of an order: each bound field's value under its parameter's name, the drawn
 * parameters' values, all checked against the template's constraints. Problems are issues on the
 * request's own paths (`parameters.<field>`, `templateParameters.<key>`, `regionId`).
 */
export function buildParameters(
  params: readonly TemplateParameter[],
  binding: TemplateBinding,
  request: { regionId: string; parameters: Record<string, unknown>; templateParameters?: Record<string, unknown> | undefined },
  locale: Locale,
): { parameters: Record<string, unknown>; issues: Issue[] } {
  const byKey = new Map(params.map((p) => [p.key, p]));
  const out: Record<string, unknown> = {};
  const issues: Issue[] = binding.blocked.map((b) => ({ path: ['templateName'], message: b.message }));
  for (const b of binding.bindings) {
    const p = byKey.get(b.parameter);
    if (!p) continue;
    const value = b.field === REGION_FIELD ? request.regionId : request.parameters[b.field];
    const path = b.field === REGION_FIELD ? [REGION_FIELD] : ['parameters', b.field];
    const problem = templateValueProblem(p, value, locale);
    if (problem) issues.push({ path, message: problem });
    else if (value !== undefined && value !== '') out[p.key] = sent(p, value);
  }
  const given = request.templateParameters ?? {};
  for (const key of binding.drawn) {
    const p = byKey.get(key);
    if (!p) continue;
    const problem = templateValueProblem(p, given[key], locale);
    if (problem) issues.push({ path: ['templateParameters', key], message: problem });
    else if (given[key] !== undefined && given[key] !== '') out[key] = sent(p, given[key]);
  }
  for (const key of Object.keys(given)) {
    if (binding.drawn.includes(key)) continue;
    const message = byKey.has(key) ? TEXT.notDrawn[locale] : TEXT.unknownParameter[locale];
    issues.push({ path: ['templateParameters', key], message: format(message, { key }) });
  }
  return { parameters: out, issues };
}
