import { theme } from 'antd';
import { useT } from '../../../lib/i18n/use-t';
import type { VpcScopedKind } from '../form-values';
import type { PickedResource } from '../slots';

export interface MapNode {
  kind: VpcScopedKind;
  /** The picked resource, or only a typed address (Milvus). */
  item?: PickedResource;
}

const W = 340;
const BOX = { x: 8, y: 8, w: W - 16 };
const NODE = { w: 146, h: 58 };
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The chosen resources drawn inside the chosen VPC; anything in another VPC outside, in warning colours. */
export function ResourceMap({ vpc, nodes }: { vpc?: PickedResource; nodes: MapNode[] }) {
  const { t } = useT();
  const { token } = theme.useToken();

  const outside = (n: MapNode) => Boolean(vpc && n.item?.vpcId && n.item.vpcId !== vpc.id);
  const inside = nodes.filter((n) => !outside(n));
  const away = nodes.filter(outside);
  const boxH = 62 + Math.ceil(inside.length / 2) * (NODE.h + 12) + 8;
  const height = BOX.y + boxH + (away.length ? 28 + Math.ceil(away.length / 2) * (NODE.h + 12) : 0) + 8;

  const kindLabel = (k: VpcScopedKind) => t(`map.node.${k}`);
  const sep = t('map.summary.listSeparator');
  const describe = (n: MapNode) => `${kindLabel(n.kind)} ${n.item?.id ?? ''}`.trim();
  const chosenInside = inside.filter((n) => n.item);
  const missing = inside.filter((n) => !n.item);
  const summary = [
    vpc ? t('map.summary.vpc', { vpc: vpc.name ? t('map.summary.named', { id: vpc.id, name: vpc.name }) : vpc.id }) : t('map.summary.noVpc'),
    chosenInside.length
      ? t('map.summary.inside', { items: chosenInside.map(describe).join(sep) })
      : t('map.summary.insideNone'),
    away.length
      ? t('map.summary.outside', { items: away.map((n) => t('map.summary.named', { id: describe(n), name: n.item?.vpcId ?? '' })).join(sep) })
      : null,
    missing.length ? t('map.summary.missing', { items: missing.map((n) => kindLabel(n.kind)).join(sep) }) : null,
  ]
    .filter(Boolean)
    .join(t('map.summary.separator'));

  const node = (n: MapNode, x: number, y: number, warn: boolean) => {
    const stroke = warn ? token.colorWarning : n.item ? token.colorPrimary : token.colorBorder;
    return (
      <g key={n.kind} data-kind={n.kind} data-placement={warn ? 'outside' : 'inside'}>
        {/* The whole ID (and name) on hover: the drawing shortens long ones. */}
        {n.item ? <title>{[n.item.id, n.item.name, warn ? n.item.vpcId : undefined].filter(Boolean).join(' · ')}</title> : null}
        <rect
          x={x}
          y={y}
          width={NODE.w}
          height={NODE.h}
          rx={6}
          fill={warn ? token.colorWarningBg : token.colorBgContainer}
          stroke={stroke}
          strokeWidth={n.item ? 1.5 : 1}
          strokeDasharray={n.item ? undefined : '4 3'}
        />
        <text x={x + 10} y={y + 20} fontSize={12} fontWeight={600} fill={warn ? token.colorWarningText : token.colorText}>
          {kindLabel(n.kind)}
        </text>
        <text x={x + 10} y={y + 37} fontSize={11} fill={n.item ? token.colorText : token.colorTextTertiary}>
          {n.item ? cut(n.item.id, 22) : t('map.notChosen')}
        </text>
        {n.item?.name ? (
          <text x={x + 10} y={y + 51} fontSize={10} fill={token.colorTextSecondary}>
            {cut(warn ? n.item.vpcId ?? '' : n.item.name, 24)}
          </text>
        ) : null}
      </g>
    );
  };
  const at = (i: number, top: number) => ({ x: BOX.x + 10 + (i % 2) * (NODE.w + 8), y: top + Math.floor(i / 2) * (NODE.h + 12) });

  return (
    <svg role="img" aria-label={summary} viewBox={`0 0 ${W} ${height}`} width="100%" style={{ maxWidth: 420, display: 'block' }}>
      <title>{summary}</title>
      <rect
        x={BOX.x}
        y={BOX.y}
        width={BOX.w}
        height={boxH}
        rx={10}
        fill={vpc ? token.colorPrimaryBg : 'none'}
        stroke={vpc ? token.colorPrimaryBorder : token.colorBorder}
        strokeDasharray={vpc ? undefined : '6 4'}
      />
      <text x={BOX.x + 12} y={BOX.y + 22} fontSize={13} fontWeight={600} fill={token.colorText}>
        {vpc ? <title>{vpc.id}</title> : null}
        {vpc ? `VPC ${cut(vpc.id, 30)}` : t('map.noVpc')}
      </text>
      {vpc ? (
        <text x={BOX.x + 12} y={BOX.y + 40} fontSize={11} fill={token.colorTextSecondary}>
          {cut([vpc.name, vpc.cidrBlock].filter(Boolean).join(' · '), 44)}
        </text>
      ) : null}
      {inside.map((n, i) => {
        const p = at(i, BOX.y + 54);
        return node(n, p.x, p.y, false);
      })}
      {away.length ? (
        <text x={BOX.x + 4} y={BOX.y + boxH + 20} fontSize={11} fontWeight={600} fill={token.colorWarningText}>
          {t('map.outside')}
        </text>
      ) : null}
      {away.map((n, i) => {
        const p = at(i, BOX.y + boxH + 28);
        return node(n, p.x, p.y, true);
      })}
    </svg>
  );
}
