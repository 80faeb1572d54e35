import { useCallback } from 'react';
import { format, type Locale, type Localized } from '@dify-console/shared/domain/i18n';
import { pagesEn } from './pages.en';
import { pagesZhCN, type PageMessageKey, type PageMessages } from './pages.zh-CN';
import { translate, useLocale } from './use-t';
import type { MessageKey } from './zh-CN';

export const PAGE_DICTIONARIES: Record<Locale, PageMessages> = { 'zh-CN': pagesZhCN, en: pagesEn };

export type PageTFunction = (key: MessageKey | PageMessageKey, params?: Record<string, string | number>) => string;

function isPageKey(key: string): key is PageMessageKey {
  return Object.hasOwn(pagesZhCN, key);
}

/**
 * `useT()` for the lazily loaded screens: the core dictionary plus the page dictionary. Importing
 * this hook is what brings the page strings into a chunk, so the first screen never carries them.
 */
export function usePageT(): { t: PageTFunction; l: (text: Localized) => string; locale: Locale } {
  const { locale } = useLocale();
  const t = useCallback<PageTFunction>(
    (key, params) =>
      isPageKey(key) ? format(PAGE_DICTIONARIES[locale][key], params) : translate(locale, key, params),
    [locale],
  );
  const l = useCallback((text: Localized) => text[locale], [locale]);
  return { t, l, locale };
}
