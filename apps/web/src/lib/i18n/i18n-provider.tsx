import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { DEFAULT_LOCALE, isLocale, type Locale } from '@dify-console/shared/domain/i18n';
import { I18nContext } from './i18n-context';
import { hasDictionary, loadDictionary } from './use-t';

/** Where the chosen UI language is remembered (nothing else of the form is stored). */
export const LOCALE_STORAGE_KEY = 'dify-console.locale';

/** The language the user chose last time (the default when none or storage is unavailable). */
export function storedLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function I18nProvider({ children, initialLocale }: { children: ReactNode; initialLocale?: Locale }) {
  const [requested] = useState<Locale>(() => initialLocale ?? storedLocale());
  // The language shown: the one asked for once its dictionary is in.
  const [locale, setLocaleState] = useState<Locale>(() => (hasDictionary(requested) ? requested : DEFAULT_LOCALE));
  const latest = useRef(requested);

  const show = useCallback((next: Locale) => {
    latest.current = next;
    void loadDictionary(next).then(() => {
      if (latest.current === next) setLocaleState(next);
    });
  }, []);

  useEffect(() => {
    if (!hasDictionary(requested)) show(requested);
  }, [requested, show]);

  const setLocale = useCallback((next: Locale) => {
    show(next);
    try {
      window.localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this page only.
    }
  }, [show]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <I18nContext value={value}>{children}</I18nContext>;
}
