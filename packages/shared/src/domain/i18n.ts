import { z } from 'zod';

/** The console's two languages: Chinese first (most of the console's users), English second. */
export const LOCALES = ['zh-CN', 'en'] as const;
export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;
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

/** Replaces `{name}` placeholders with values. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/** Items in running text: 、 between them in Chinese (never the English comma), `, ` in English. */
export function joinList(items: readonly string[], locale: Locale): string {
  return items.join(locale === 'zh-CN' ? '、' : ', ');
}

/** Clauses of one sentence (each may hold a list): ； in Chinese, `; ` in English. */
export function joinClauses(items: readonly string[], locale: Locale): string {
  return items.join(locale === 'zh-CN' ? '；' : '; ');
}
