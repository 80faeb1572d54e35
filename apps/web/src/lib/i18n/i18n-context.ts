import { createContext } from 'react';
import type { Locale } from '@dify-console/shared/domain/i18n';

export interface I18nContextValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

export const I18nContext = createContext<I18nContextValue | null>(null);
