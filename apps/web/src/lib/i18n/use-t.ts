import { useCallback, useContext } from 'react';
import { format, type Locale, type Localized } from '@dify-console/shared/domain/i18n';
import { en } from './en';
import { zhCN, type MessageKey, type Messages } from './zh-CN';
import { I18nContext, type I18nContextValue } from './i18n-context';

export const DICTIONARIES: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  return format(DICTIONARIES[locale][key], params);
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
