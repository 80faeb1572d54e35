import {
  DEPLOYMENT_PHASES,
  type DeploymentDetail,
  type DeploymentPhase,
  type DeploymentSummary,
  type LogEntry,
} from '@dify-console/shared/api/deployments';
import { DEPLOYMENT_STATUSES, type DeploymentStatus } from '@dify-console/shared/domain/deployment-status';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { namedParameter, type TemplateParameter } from '@dify-console/shared/template/parameter-rules';
import { HA_EXISTING_TEMPLATE, MASK } from '@dify-console/shared/template/templates';
import { bindTemplate, REGION_FIELD, type TemplateBinding } from '../template/binding';
import { explainFailure } from './failure';
import { isBilled, outputText, resourceStateText, resourceTypeText, statusDetailText } from './words';
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

/** The template an instance was ordered from, bound to our fields (when it could be read). */
export interface InstanceTemplate {
  parameters: readonly TemplateParameter[];
  binding: TemplateBinding;
}

/**
 * Without the template (it could not be read), the instance's own parameters are bound by the
 * shape of their names; the cloud shows NoEcho values masked, which tells the secrets apart.
 */
function guessedTemplate(params: Record<string, unknown>): InstanceTemplate {
  const parameters: TemplateParameter[] = Object.entries(params).map(([key, value]) =>
    namedParameter(key, { type: typeof value === 'boolean' ? 'Boolean' : 'String', noEcho: value === MASK }),
  );
  return { parameters, binding: bindTemplate(parameters, HA_EXISTING_TEMPLATE.fields, 'en') };
}

const SECRET_NAME = /password|passwd|pwd|secret|token/i;

/** The values of the secret parameters the cloud echoed back (to scrub them from any text). */
export function secretValuesIn(record: Pick<ServiceInstanceRecord, 'Parameters'>): string[] {
  const params = asObject(parseJson(record.Parameters));
  return Object.entries(params)
    .filter(([key, v]) => SECRET_NAME.test(key) && typeof v === 'string' && v !== MASK && v.length >= 4)
    .map(([, v]) => v as string);
}

/** Replaces every occurrence of a secret value by the mask. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join(MASK);
  return out;
}

/**
 * The cloud's `Parameters` split into our fields (through the template's binding) and the
 * template's other parameters; NoEcho values always masked (present or not).
 */
export function fieldParameters(
  record: Pick<ServiceInstanceRecord, 'Parameters'>,
  template?: InstanceTemplate,
): { parameters: Record<string, unknown>; templateParameters: Record<string, unknown> } {
  const params = asObject(parseJson(record.Parameters));
  const t = template ?? guessedTemplate(params);
  const noEcho = new Set(t.parameters.filter((p) => p.noEcho).map((p) => p.key));
  const out: Record<string, unknown> = {};
  const used = new Set<string>();
  for (const b of t.binding.bindings) {
    used.add(b.parameter);
    if (b.field === REGION_FIELD) continue;
    const def = (HA_EXISTING_TEMPLATE.fields as Record<string, (typeof HA_EXISTING_TEMPLATE.fields)[keyof typeof HA_EXISTING_TEMPLATE.fields]>)[b.field];
    const value = params[b.parameter];
    if (def?.noEcho || noEcho.has(b.parameter)) out[b.field] = MASK;
    else if (value !== undefined && value !== null) out[b.field] = typeof value === 'string' && def?.widget === 'switch' ? value === 'true' : value;
  }
  for (const [name, def] of Object.entries(HA_EXISTING_TEMPLATE.fields)) if (def.noEcho) out[name] = MASK;
  // The Milvus instance, when the template has no parameter for it, is the first label of the address.
  const endpoint = typeof out.milvusEndpoint === 'string' ? out.milvusEndpoint : '';
  const milvusId = /^(c-[a-z0-9]+)-internal\./.exec(endpoint)?.[1];
  if (out.milvusInstanceId === undefined && milvusId) out.milvusInstanceId = milvusId;
  const templateParameters = Object.fromEntries(
    Object.entries(params)
      .filter(([key]) => !used.has(key))
      .map(([key, value]) => [key, noEcho.has(key) ? MASK : value]),
  );
  return { parameters: out, templateParameters };
}

/** The deployment region: the parameter bound to it, else the one Compute Nest itself reads. */
export function regionOf(record: Pick<ServiceInstanceRecord, 'Parameters'>, template?: InstanceTemplate): string {
  const params = asObject(parseJson(record.Parameters));
  const key = template?.binding.bindings.find((b) => b.field === REGION_FIELD)?.parameter ?? 'RegionId';
  const region = params[key];
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

function outputsOf(record: ServiceInstanceRecord, secrets: readonly string[], locale: Locale): DeploymentDetail['outputs'] {
  const outputs = asObject(parseJson(record.Outputs));
  return Object.entries(outputs).map(([key, value]) => ({
    key,
    ...outputText(key, scrub(typeof value === 'string' ? value : JSON.stringify(value), secrets), locale),
  }));
}

export function toDetail(
  record: ServiceInstanceRecord,
  resources: readonly ResourceRecord[],
  locale: Locale,
  logPhase?: DeploymentPhase,
  template?: InstanceTemplate,
): DeploymentDetail {
  const secrets = secretValuesIn(record);
  const { parameters, templateParameters } = fieldParameters(record, template);
  const statusDetail = scrub(record.StatusDetail, secrets);
  return {
    ...toSummary(record, logPhase),
    statusDetail: statusDetailText(statusDetail, locale),
    failure: explainFailure(record.Status, statusDetail, locale),
    outputs: outputsOf(record, secrets, locale),
    resources: resources.map((r) => ({
      arn: r.ResourceARN,
      productCode: r.ProductCode,
      type: r.ProductType,
      status: r.Status,
      typeLabel: resourceTypeText(r.ResourceARN, r.ProductCode, r.ProductType, locale),
      statusLabel: resourceStateText(r.Status, locale),
      billed: isBilled(r.ProductCode),
    })),
    parameters,
    templateParameters,
    serviceVersion: record.Service?.Version ?? '',
  };
}

export function toLogEntry(record: LogRecord, secrets: readonly string[]): LogEntry {
  return {
    timestamp: record.Timestamp,
    content: scrub(record.Content, secrets),
    ...(record.Status ? { status: record.Status } : {}),
  };
}
