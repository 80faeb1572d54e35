import { useCallback, useContext } from 'react';
import { format, type Locale, type Localized } from '@dify-console/shared/domain/i18n';
import { zhCN, type MessageKey, type Messages } from './zh-CN';
import { I18nContext, type I18nContextValue } from './i18n-context';

/**
 * The dictionaries loaded so far: Chinese (the default) with the first screen, English when it is
 * chosen (the provider switches once it is in; main.tsx loads a stored choice before rendering).
 */
const DICTIONARIES: Partial<Record<Locale, Messages>> = { 'zh-CN': zhCN };
const LOADERS: Record<Locale, () => Promise<Messages>> = {
  'zh-CN': () => Promise.resolve(zhCN),
  en: () => import('./en').then((m) => m.en),
};

export async function loadDictionary(locale: Locale): Promise<void> {
  DICTIONARIES[locale] ??= await LOADERS[locale]();
}

export function hasDictionary(locale: Locale): boolean {
  return DICTIONARIES[locale] !== undefined;
}

export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  return format((DICTIONARIES[locale] ?? zhCN)[key], params);
}

export function useLocale(): I18nContextValue {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useLocale must be used inside <I18nProvider>');
  return ctx;
}

export type TFunction = (key: MessageKey, params?: Record<string, string | number>) => string;

/** `t(key, params)` for the UI dictionary; `l(localized)` for texts that come from shared. */
export function useT(): { t: TFunction; l: (text: Localized) => string; locale: Locale } {
  const { locale } = useLocale();
  const t = useCallback<TFunction>((key, params) => translate(locale, key, params), [locale]);
  const l = useCallback((text: Localized) => text[locale], [locale]);
  return { t, l, locale };
}
