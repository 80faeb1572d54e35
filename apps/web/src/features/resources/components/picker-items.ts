import type { Cluster, Milvus, Postgres, Redis, Vpc } from '@dify-console/shared/api/resources';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { reason, type Reason } from '@dify-console/shared/domain/eligibility';
import type { ChipColor } from '../../../components/chip';
import type { TFunction } from '../../../lib/i18n/use-t';
import type { MessageKey } from '../../../lib/i18n/zh-CN';

export interface PickerTag {
  text: string;
  color?: ChipColor;
}

/** One option of a picker, whatever the resource kind. */
export interface PickerItem {
  id: string;
  name: string;
  /** The VPC the resource is in (absent for VPCs themselves). */
  vpcId?: string;
  eligible: boolean;
  reasons: Reason[];
  tags: PickerTag[];
  /** Milvus only: its internal address. */
  endpoint?: string | null;
  cidrBlock?: string;
}

/** What the form learns about a picked item. */
export interface PickedResource {
  id: string;
  name: string;
  vpcId?: string;
  endpoint?: string | null;
  cidrBlock?: string;
}

const RUNNING = new Set(['running', 'available', 'normal', 'active']);
/** The cloud's states (each product spells its own), in the user's language; an unknown one as it is. */
const STATE_KEYS: Record<string, MessageKey> = {
  running: 'picker.state.running',
  available: 'picker.state.running',
  normal: 'picker.state.running',
  active: 'picker.state.running',
  creating: 'picker.state.creating',
  stopped: 'picker.state.stopped',
  failed: 'picker.state.failed',
  deleting: 'picker.state.deleting',
  changing: 'picker.state.changing',
  updating: 'picker.state.changing',
};
const statusTag = (status: string, t: TFunction): PickerTag => {
  const key = STATE_KEYS[status.toLowerCase()];
  return { text: key ? t(key) : status, color: RUNNING.has(status.toLowerCase()) ? 'success' : 'warning' };
};
const ARCHITECTURE_KEYS: Record<string, MessageKey> = {
  standard: 'picker.arch.standard',
  cluster: 'picker.arch.cluster',
  rwsplit: 'picker.arch.rwsplit',
};

export function vpcItem(v: Vpc, t: TFunction): PickerItem {
  return {
    id: v.id,
    name: v.name,
    eligible: true,
    reasons: [],
    cidrBlock: v.cidrBlock,
    tags: [
      { text: v.cidrBlock },
      ...(v.isDefault ? [{ text: t('picker.default'), color: 'info' as const }] : []),
      { text: t('picker.vSwitches', { count: v.vSwitchCount }) },
    ],
  };
}

export function clusterItem(c: Cluster, t: TFunction): PickerItem {
  return {
    ...candidate(c),
    tags: [
      { text: t(`cluster.kind.${c.kind}`), color: c.kind === 'pro' || c.kind === 'basic' ? 'info' : 'default' },
      { text: c.kubernetesVersion },
      { text: t('picker.nodes', { count: c.nodeCount }) },
      statusTag(c.status, t),
    ],
  };
}

export function postgresItem(p: Postgres, t: TFunction): PickerItem {
  return {
    ...candidate(p),
    tags: [{ text: `${p.engine} ${p.engineVersion}` }, { text: p.instanceClass }, statusTag(p.status, t)],
  };
}

export function redisItem(r: Redis, t: TFunction): PickerItem {
  const arch = ARCHITECTURE_KEYS[r.architecture.toLowerCase()];
  return {
    ...candidate(r),
    tags: [{ text: `${r.instanceType} ${r.engineVersion}` }, { text: arch ? t(arch) : r.architecture }, statusTag(r.status, t)],
  };
}

export function milvusItem(m: Milvus, t: TFunction): PickerItem {
  return {
    ...candidate(m),
    endpoint: m.internalEndpoint,
    tags: [{ text: m.version }, statusTag(m.status, t)],
  };
}

function candidate(c: { id: string; name: string; vpcId: string; eligible: boolean; reasons: Reason[] }) {
  return { id: c.id, name: c.name, vpcId: c.vpcId, eligible: c.eligible, reasons: c.reasons };
}

/**
 * Whether an item can be picked once a VPC is chosen. The BFF already marks items in other VPCs;
 * the same reason is added here should an answer (or a list kept while the next loads) lack it.
 */
export function withVpcCheck(item: PickerItem, vpcId: string | undefined, locale: Locale): PickerItem {
  if (!vpcId || item.vpcId === undefined || item.vpcId === vpcId) return item;
  if (item.reasons.some((r) => r.code === 'otherVpc')) return { ...item, eligible: false };
  return { ...item, eligible: false, reasons: [...item.reasons, reason('otherVpc', locale, { vpcId: item.vpcId })] };
}

export function toPicked(item: PickerItem): PickedResource {
  return { id: item.id, name: item.name, vpcId: item.vpcId, endpoint: item.endpoint, cidrBlock: item.cidrBlock };
}
