import type { ReactNode } from 'react';
import { Tag, theme } from 'antd';
import { usePageT } from '../../../lib/i18n/use-page-t';

/** One way of the access entry, side by side with the other: a named region, marked when in use. */
export function OptionCard({ id, title, inUse, children }: { id: string; title: string; inUse: boolean; children: ReactNode }) {
  const { t } = usePageT();
  const { token } = theme.useToken();
  return (
    <section
      id={id}
      aria-labelledby={`${id}-title`}
      style={{
        border: `1px solid ${inUse ? token.colorPrimaryBorder : token.colorBorderSecondary}`,
        background: inUse ? token.colorPrimaryBg : undefined,
        borderRadius: token.borderRadius,
        padding: 16,
        minWidth: 0,
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 8 }}>
        <h3 id={`${id}-title`} style={{ margin: 0, fontSize: token.fontSizeLG, fontWeight: 600 }}>
          {title}
        </h3>
        {inUse ? <Tag color="blue">{t('access.inUse')}</Tag> : null}
      </div>
      {children}
    </section>
  );
}
