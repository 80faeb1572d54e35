import type { SVGProps } from 'react';
import { theme } from 'antd';

/** The tones a status is shown in: always an icon AND a word, never colour alone. */
export type Tone = 'success' | 'warning' | 'error' | 'neutral';

const base: SVGProps<SVGSVGElement> = {
  width: '1em',
  height: '1em',
  viewBox: '0 0 16 16',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.6,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
  'aria-hidden': true,
  focusable: false,
};

/** Inline icons, one shape per tone (so they differ without colour too); no icon package. */
function ToneIcon({ tone }: { tone: Tone }) {
  switch (tone) {
    case 'success':
      return (
        <svg {...base}>
          <circle cx="8" cy="8" r="6.5" />
          <path d="m5 8.2 2 2 4-4.2" />
        </svg>
      );
    case 'warning':
      return (
        <svg {...base}>
          <path d="M8 1.8 14.6 13.5H1.4Z" />
          <path d="M8 6.2v3.3M8 11.6v.1" />
        </svg>
      );
    case 'error':
      return (
        <svg {...base}>
          <circle cx="8" cy="8" r="6.5" />
          <path d="m5.6 5.6 4.8 4.8M10.4 5.6l-4.8 4.8" />
        </svg>
      );
    default:
      return (
        <svg {...base}>
          <circle cx="8" cy="8" r="6.5" />
          <path d="M5 8h6" />
        </svg>
      );
  }
}

/** A status as an icon and its word, in the tone's colour. */
export function StatusLabel({ tone, text, status }: { tone: Tone; text: string; status: string }) {
  const { token } = theme.useToken();
  const color = {
    success: token.colorSuccessText,
    warning: token.colorWarningText,
    error: token.colorErrorText,
    neutral: token.colorTextSecondary,
  }[tone];
  return (
    <span
      data-status={status}
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 4,
        color,
        fontWeight: 500,
        whiteSpace: 'nowrap',
      }}
    >
      <ToneIcon tone={tone} />
      {text}
    </span>
  );
}
