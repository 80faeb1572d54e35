import { format, type Locale, type Localized } from '../domain/i18n';

/**
 * A parameter of the service's own template (ROS metadata, read at run time by the BFF), in the
 * console's words. The same rules hold in the form and in the BFF: `templateValueProblem`.
 */
export interface TemplateParameter {
  /** The template's parameter name. */
  key: string;
  /** ROS Type: String, Number, Boolean, Json, CommaDelimitedList… */
  type: string;
  label: Localized;
  description: Localized | null;
  default: string | number | boolean | null;
  allowedValues: (string | number | boolean)[] | null;
  allowedPattern: string | null;
  minLength: number | null;
  maxLength: number | null;
  minValue: number | null;
  maxValue: number | null;
  noEcho: boolean;
  constraintDescription: Localized | null;
  associationProperty: string | null;
  /** Label of its group in `Metadata.ALIYUN::ROS::Interface.ParameterGroups`. */
  group: Localized | null;
}

/** A parameter known by its name alone (no metadata): what the other fields default to. */
export function namedParameter(key: string, p: Partial<TemplateParameter> = {}): TemplateParameter {
  return {
    key,
    type: 'String',
    label: { 'zh-CN': key, en: key },
    description: null,
    default: null,
    allowedValues: null,
    allowedPattern: null,
    minLength: null,
    maxLength: null,
    minValue: null,
    maxValue: null,
    noEcho: false,
    constraintDescription: null,
    associationProperty: null,
    group: null,
    ...p,
  };
}

/** The types the form can draw: text, number, select, password, switch. */
export const DRAWABLE_TYPES = ['String', 'Number', 'Boolean'] as const;

export function isDrawable(p: Pick<TemplateParameter, 'type'>): boolean {
  return (DRAWABLE_TYPES as readonly string[]).includes(p.type);
}

/** A parameter the cloud requires a value for: ROS has no other notion than "no Default". */
export function isRequired(p: Pick<TemplateParameter, 'default'>): boolean {
  return p.default === null;
}

const TEXT = {
  required: { 'zh-CN': '模板参数 {key} 为必填项', en: 'The template parameter {key} is required' },
  allowed: { 'zh-CN': '取值须为以下之一：{values}', en: 'Must be one of: {values}' },
  length: { 'zh-CN': '长度须为 {min}~{max} 个字符', en: 'Must be {min}-{max} characters long' },
  pattern: { 'zh-CN': '不符合模板的格式要求：{pattern}', en: "Does not match the template's pattern {pattern}" },
  number: { 'zh-CN': '须为数字', en: 'Must be a number' },
  range: { 'zh-CN': '取值范围 {min}~{max}', en: 'Must be between {min} and {max}' },
  boolean: { 'zh-CN': '须为 true 或 false', en: 'Must be true or false' },
} satisfies Record<string, Localized>;

/** The template's own words for a broken constraint when it has them, ours otherwise. */
function say(p: TemplateParameter, fallback: string, locale: Locale): string {
  return p.constraintDescription?.[locale] || fallback;
}

/** ROS matches AllowedPattern against the whole value; a pattern that does not compile is skipped. */
function matchesWhole(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u').test(value);
  } catch {
    return true;
  }
}

/**
 * Why a value breaks the template's constraints (in the user's language), or undefined when it
 * holds. `undefined`, `null` and '' mean "not given": a problem only when the parameter is required.
 */
export function templateValueProblem(
  p: TemplateParameter,
  value: unknown,
  locale: Locale,
): string | undefined {
  if (value === undefined || value === null || value === '')
    return isRequired(p) ? format(TEXT.required[locale], { key: p.key }) : undefined;
  if (p.type === 'Boolean') {
    return typeof value === 'boolean' || value === 'true' || value === 'false' ? undefined : TEXT.boolean[locale];
  }
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  if (p.allowedValues && p.allowedValues.length > 0 && !p.allowedValues.map(String).includes(text))
    return say(p, format(TEXT.allowed[locale], { values: p.allowedValues.map(String).join(', ') }), locale);
  if (p.type === 'Number') {
    const n = typeof value === 'number' ? value : Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) return TEXT.number[locale];
    if ((p.minValue !== null && n < p.minValue) || (p.maxValue !== null && n > p.maxValue))
      return say(p, format(TEXT.range[locale], { min: p.minValue ?? '-∞', max: p.maxValue ?? '∞' }), locale);
    return undefined;
  }
  const length = [...text].length;
  if ((p.minLength !== null && length < p.minLength) || (p.maxLength !== null && length > p.maxLength))
    return say(p, format(TEXT.length[locale], { min: p.minLength ?? 0, max: p.maxLength ?? '∞' }), locale);
  if (p.allowedPattern !== null && !matchesWhole(p.allowedPattern, text))
    return say(p, format(TEXT.pattern[locale], { pattern: p.allowedPattern }), locale);
  return undefined;
}

/** A copy of drawn parameter values with the NoEcho ones (`secretKeys`) replaced by `mask`. */
export function maskTemplateValues<T extends Record<string, unknown>>(values: T, secretKeys: readonly string[], mask: string): T {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, secretKeys.includes(k) && v !== undefined && v !== '' ? mask : v])) as T;
}

/** The keys of the NoEcho parameters of a template. */
export function noEchoKeys(parameters: readonly Pick<TemplateParameter, 'key' | 'noEcho'>[]): string[] {
  return parameters.filter((p) => p.noEcho).map((p) => p.key);
}
