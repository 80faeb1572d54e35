/** The console's two languages: Chinese first (most of the console's users), English second. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Whether a value (a stored choice, a select's value) is one of the console's languages. */
export function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export type Localized = Record<Locale, string>;

/** Picks the console language from an Accept-Language header or a `lang` value. */
export function negotiateLocale(value: string | undefined | null): Locale {
  if (!value) return DEFAULT_LOCALE;
  for (const part of value.split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}

/**
 * Replaces `{name}` placeholders with values, and `{name|one|other}` with `one` when the value is 1
 * and `other` otherwise (English plurals: "1 cluster", "2 clusters"; Chinese needs none).
 */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g, (whole, key: string, one?: string, other?: string) => {
    if (!(key in params)) return whole;
    if (one === undefined) return String(params[key]);
    return Number(params[key]) === 1 ? one : (other ?? '');
  });
}

/** Items in running text: 、 between them in Chinese (never the English comma), `, ` in English. */
export function joinList(items: readonly string[], locale: Locale): string {
  return items.join(locale === 'zh-CN' ? '、' : ', ');
}

/** Clauses of one sentence (each may hold a list): ； in Chinese, `; ` in English. */
export function joinClauses(items: readonly string[], locale: Locale): string {
  return items.join(locale === 'zh-CN' ? '；' : '; ');
}
