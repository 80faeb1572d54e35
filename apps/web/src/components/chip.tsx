import type { ReactNode } from 'react';
import { theme } from 'antd';

export type ChipColor = 'success' | 'warning' | 'error' | 'info' | 'default';

/**
 * A small status label in the theme's colours: what the first screen used antd's Tag for (the
 * mode badge, the pickers' options), without Tag's code and styles in its JavaScript.
 */
export function Chip({ color = 'default', children, testId }: { color?: ChipColor; children: ReactNode; testId?: string }) {
  const { token } = theme.useToken();
  const [background, border, text] =
    color === 'success'
      ? [token.colorSuccessBg, token.colorSuccessBorder, token.colorSuccessText]
      : color === 'warning'
        ? [token.colorWarningBg, token.colorWarningBorder, token.colorWarningText]
        : color === 'error'
          ? [token.colorErrorBg, token.colorErrorBorder, token.colorErrorText]
          : color === 'info'
            ? [token.colorInfoBg, token.colorInfoBorder, token.colorInfoText]
            : [token.colorFillQuaternary, token.colorBorder, token.colorText];
  return (
    <span
      data-testid={testId}
      style={{
        display: 'inline-block',
        padding: '0 7px',
        fontSize: token.fontSizeSM,
        lineHeight: '20px',
        whiteSpace: 'nowrap',
        borderRadius: token.borderRadiusSM,
        border: `1px solid ${border}`,
        background,
        color: text,
      }}
    >
      {children}
    </span>
  );
}
