import type { CSSProperties, ReactNode } from 'react';
import { theme } from 'antd';

/**
 * A titled section, drawn like the Compute Nest cards. Own component rather than antd Card:
 * Card brings Tabs, Menu, Dropdown and Skeleton into the first screen's bundle.
 */
export function Panel({
  title,
  children,
  style,
  id,
}: {
  title: ReactNode;
  children: ReactNode;
  style?: CSSProperties;
  id?: string;
}) {
  const { token } = theme.useToken();
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section
      id={id}
      aria-labelledby={headingId}
      style={{
        background: token.colorBgContainer,
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadiusLG,
        marginBottom: 16,
        ...style,
      }}
    >
      <h2
        id={headingId}
        style={{
          margin: 0,
          padding: '14px 24px',
          fontSize: token.fontSizeLG,
          fontWeight: 600,
          color: token.colorTextHeading,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
        }}
      >
        {title}
      </h2>
      <div style={{ padding: '24px 24px 4px' }}>{children}</div>
    </section>
  );
}
