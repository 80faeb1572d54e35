import { theme } from 'antd';
import { isLocale, type Locale } from '@dify-console/shared/domain/i18n';
import { useLocale, useT } from '../lib/i18n/use-t';

const OPTIONS: { value: Locale; label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'English' },
];

/**
 * Switches the UI language; each option is written in its own language and the name is
 * bilingual, so it can be found whatever the current language. A native select: it is
 * keyboard- and screen-reader-friendly and trivially driven by tests (`selectOption`).
 */
export function LanguageSwitch() {
  const { t } = useT();
  const { locale, setLocale } = useLocale();
  const { token } = theme.useToken();
  return (
    <select
      aria-label={t('app.language')}
      value={locale}
      onChange={(e) => {
        if (isLocale(e.target.value)) setLocale(e.target.value);
      }}
      style={{
        height: 28,
        padding: '0 8px',
        borderRadius: token.borderRadius,
        border: `1px solid ${token.colorBorder}`,
        background: token.colorBgContainer,
        color: token.colorText,
        font: 'inherit',
        fontSize: token.fontSizeSM,
        cursor: 'pointer',
      }}
    >
      {OPTIONS.map((o) => (
        <option key={o.value} value={o.value} lang={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
