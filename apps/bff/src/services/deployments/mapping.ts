import {
  DEPLOYMENT_PHASES,
  type DeploymentDetail,
  type DeploymentPhase,
  type DeploymentSummary,
  type LogEntry,
} from '@dify-console/shared/api/deployments';
import { DEPLOYMENT_STATUSES, type DeploymentStatus } from '@dify-console/shared/domain/deployment-status';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { MASK, findTemplate, HA_EXISTING_TEMPLATE, type TemplateDescription } from '@dify-console/shared/template/templates';
import type { FieldDef } from '@dify-console/shared/template/types';
import { explainFailure } from './failure';
import type { LogRecord, ResourceRecord, ServiceInstanceRecord } from '../../ports/deployments';

/** Cloud records → the contract's summary and detail. Never a password out of here. */

const KNOWN_STATUSES = new Set<string>(DEPLOYMENT_STATUSES);

/** A status the contract does not know yet (e.g. Starting) is shown as still in progress. */
export function toStatus(raw: string): DeploymentStatus {
  return KNOWN_STATUSES.has(raw) ? (raw as DeploymentStatus) : 'Deploying';
}

const clampProgress = (p: number) => (Number.isFinite(p) ? Math.max(0, Math.min(100, Math.round(p))) : 0);

const rank = (phase: DeploymentPhase) => DEPLOYMENT_PHASES.indexOf(phase);

/** The phase a deployment log line speaks of, when it says so. */
export function phaseOfLog(content: string): DeploymentPhase | undefined {
  if (/readyReplicas|readiness|WaitUntil|wait(ing)? for (deployment|pods?)|pods? [^;]*started|等待就绪|启动/i.test(content)) return 'starting';
  if (/helm|install|NasFileSystem|NasMountTarget|PluginDaemonDisk|ALIYUN::NAS|ALIYUN::ECS::Disk|安装/i.test(content)) return 'installing';
  if (/validat|precheck|check|verif|校验|检查/i.test(content)) return 'validating';
  return undefined;
}

/** The furthest of two phases (either may be unknown). */
export function furthest(a: DeploymentPhase | undefined, b: DeploymentPhase | undefined): DeploymentPhase | undefined {
  if (!a) return b;
  if (!b) return a;
  return rank(b) > rank(a) ? b : a;
}

/**
 * Where a deployment is, in the order the user sees it: ordered → validating → installing →
 * starting → ready (or failed), deleting → deleted. From the status, the progress and, when the
 * log is known, the furthest phase its lines speak of (whichever is further along: both only
 * grow, so the phase never goes back).
 */
export function derivePhase(status: string, progress: number, logPhase?: DeploymentPhase): DeploymentPhase {
  switch (status) {
    case 'Created':
      return 'ordered';
    case 'Deployed':
      return 'ready';
    case 'DeployedFailed':
    case 'DeletedFailed':
      return 'failed';
    case 'Deleting':
      return 'deleting';
    case 'Deleted':
      return 'deleted';
    case 'Stopped':
      return 'ready';
    default: {
      const byProgress: DeploymentPhase = progress < 20 ? 'validating' : progress < 60 ? 'installing' : 'starting';
      return furthest(byProgress, logPhase) ?? byProgress;
    }
  }
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const asObject = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

export function templateOf(record: Pick<ServiceInstanceRecord, 'TemplateName'>): TemplateDescription {
  return findTemplate(record.TemplateName) ?? HA_EXISTING_TEMPLATE;
}

/** The values of the NoEcho parameters the cloud echoed back (to scrub them from any text). */
export function secretValuesIn(record: Pick<ServiceInstanceRecord, 'Parameters' | 'TemplateName'>): string[] {
  const params = asObject(parseJson(record.Parameters));
  const template = templateOf(record);
  return Object.values(template.fields)
    .filter((def: FieldDef) => def.noEcho && def.computeNestParameter)
    .map((def) => params[def.computeNestParameter as string])
    .filter((v): v is string => typeof v === 'string' && v.length >= 4);
}

/** Replaces every occurrence of a secret value by the mask. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join(MASK);
  return out;
}

/**
 * The cloud's `Parameters` under our field names, NoEcho fields always masked (present or not),
 * keys we do not know dropped (they might carry anything).
 */
export function fieldParameters(record: Pick<ServiceInstanceRecord, 'Parameters' | 'TemplateName'>): Record<string, unknown> {
  const params = asObject(parseJson(record.Parameters));
  const template = templateOf(record);
  const out: Record<string, unknown> = {};
  for (const [name, def] of Object.entries<FieldDef>(template.fields)) {
    if (def.noEcho) {
      out[name] = MASK;
      continue;
    }
    if (!def.computeNestParameter) continue;
    const value = params[def.computeNestParameter];
    if (value === undefined || value === null) continue;
    out[name] = typeof value === 'string' && def.widget === 'switch' ? value === 'true' : value;
  }
  // The Milvus instance is not a template parameter; its id is the first label of the address.
  const endpoint = typeof out.milvusEndpoint === 'string' ? out.milvusEndpoint : '';
  const milvusId = /^(c-[a-z0-9]+)-internal\./.exec(endpoint)?.[1];
  if ('milvusInstanceId' in template.fields && milvusId) out.milvusInstanceId = milvusId;
  return out;
}

export function regionOf(record: Pick<ServiceInstanceRecord, 'Parameters'>): string {
  const region = asObject(parseJson(record.Parameters)).RegionId;
  return typeof region === 'string' ? region : '';
}

export function toSummary(record: ServiceInstanceRecord, logPhase?: DeploymentPhase): DeploymentSummary {
  const progress = clampProgress(record.Progress);
  return {
    instanceId: record.ServiceInstanceId,
    name: record.Name,
    status: toStatus(record.Status),
    progress,
    phase: derivePhase(record.Status, progress, logPhase),
    regionId: regionOf(record),
    templateName: record.TemplateName,
    createdAt: record.CreateTime,
    updatedAt: record.UpdateTime || record.CreateTime,
  };
}

function outputsOf(record: ServiceInstanceRecord, secrets: readonly string[]): { key: string; value: string }[] {
  const outputs = asObject(parseJson(record.Outputs));
  return Object.entries(outputs).map(([key, value]) => ({
    key,
    value: scrub(typeof value === 'string' ? value : JSON.stringify(value), secrets),
  }));
}

export function toDetail(
  record: ServiceInstanceRecord,
  resources: readonly ResourceRecord[],
  locale: Locale,
  logPhase?: DeploymentPhase,
): DeploymentDetail {
  const secrets = secretValuesIn(record);
  const statusDetail = scrub(record.StatusDetail, secrets);
  return {
    ...toSummary(record, logPhase),
    statusDetail,
    failure: explainFailure(record.Status, statusDetail, locale),
    outputs: outputsOf(record, secrets),
    resources: resources.map((r) => ({ arn: r.ResourceARN, productCode: r.ProductCode, type: r.ProductType, status: r.Status })),
    parameters: fieldParameters(record),
  };
}

export function toLogEntry(record: LogRecord, secrets: readonly string[]): LogEntry {
  return {
    timestamp: record.Timestamp,
    content: scrub(record.Content, secrets),
    ...(record.Status ? { status: record.Status } : {}),
  };
}
