import type { SVGProps } from 'react';
import { theme } from 'antd';
import type { AccessCheck } from '@dify-console/shared/api/access';
import { usePageT } from '../../../lib/i18n/use-page-t';

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

/** One shape per status, so they differ without colour too; no icon package. */
function StatusIcon({ status }: { status: AccessCheck['status'] }) {
  if (status === 'pass')
    return (
      <svg {...base}>
        <circle cx="8" cy="8" r="6.5" />
        <path d="m5 8.2 2 2 4-4.2" />
      </svg>
    );
  if (status === 'fail')
    return (
      <svg {...base}>
        <circle cx="8" cy="8" r="6.5" />
        <path d="m5.6 5.6 4.8 4.8M10.4 5.6l-4.8 4.8" />
      </svg>
    );
  return (
    <svg {...base}>
      <circle cx="8" cy="8" r="6.5" />
      <path d="M8 4.5V8l2.2 1.6" />
    </svg>
  );
}

const WORDS = { pass: 'access.check.pass', fail: 'access.check.fail', pending: 'access.check.pending' } as const;

/** A check's status as an icon and its word, in the status colour (never colour alone). */
export function CheckStatus({ status }: { status: AccessCheck['status'] }) {
  const { t } = usePageT();
  const { token } = theme.useToken();
  const color = { pass: token.colorSuccessText, fail: token.colorErrorText, pending: token.colorTextSecondary }[status];
  return (
    <span
      data-status={status}
      style={{ display: 'inline-flex', alignItems: 'center', gap: 4, color, fontWeight: 500, whiteSpace: 'nowrap' }}
    >
      <StatusIcon status={status} />
      {t(WORDS[status])}
    </span>
  );
}
