import { createHash, createHmac } from 'node:crypto';
import type { DeploymentDetail, DeploymentSummary, OrderRequest } from '@dify-console/shared/api/deployments';
import type { DeploymentStatus } from '@dify-console/shared/domain/deployment-status';
import { format, type Locale, type Localized } from '@dify-console/shared/domain/i18n';
import { InstanceNameSchema, ruleMessage } from '@dify-console/shared/domain/rules';
import { DIFY_SERVICE_ID } from '@dify-console/shared/template/templates';
import { isCloudError } from '../../errors/cloud-error';
import type { AccountContext } from '../account';
import { ProblemError } from '../../errors/problem-error';
import { SingleFlight, TtlCache } from '../../lib/utils';
import type { OrderTemplatePort } from '../../ports/template';
import { toDetail, toStatus, toSummary } from './mapping';
import { allTokenPages, type ComputeNestPort, type PicksPort, type ServiceInstanceRecord } from '../../ports/deployments';
import { withSecretsScrubbed } from './secrets';

const TEXT = {
  nameTaken: {
    'zh-CN': '实例名称 {name} 已被本账号的另一个服务实例使用，请换一个名称',
    en: 'The name {name} is already used by another service instance of this account; choose another name',
  },
  nameTakenTitle: { 'zh-CN': '实例名称已被使用', en: 'The instance name is already in use' },
  confirmMismatch: {
    'zh-CN': '请输入实例名称 {name} 以确认删除',
    en: 'Type the instance name {name} to confirm the deletion',
  },
  unusable: {
    'zh-CN': '所选资源不能用于此部署，未创建任何内容',
    en: 'The chosen resources cannot be used for this deployment; nothing was created',
  },
  tokenReused: {
    'zh-CN': '此下单令牌（ClientToken）已用于另一份不同的订单，未创建任何内容：请重新下单',
    en: 'This ClientToken was already used for a different order; nothing was created: place the order again',
  },
  confirmTitle: { 'zh-CN': '确认名称不一致，未删除', en: 'The confirmation does not match; nothing was deleted' },
  notFound: { 'zh-CN': '服务实例 {id} 不存在', en: 'There is no service instance {id}' },
} satisfies Record<string, Localized>;

/** ServiceInstanceNotFound as the user reads it (a 404 Problem); any other error unchanged. */
export function asNotFound(err: unknown, instanceId: string, locale: Locale): unknown {
  if (isCloudError(err) && err.code === 'ServiceInstanceNotFound') {
    return new ProblemError(404, {
      code: 'DeploymentNotFound',
      message: format(TEXT.notFound[locale], { id: instanceId }),
      ...(err.requestId ? { requestId: err.requestId } : {}),
    });
  }
  return err;
}

export interface DeploymentServiceOptions {
  /** How long a name check is reused. */
  nameTtlMs?: number;
  /** How long the deployment list is reused (`refresh` bypasses it). */
  listTtlMs?: number;
  /** How long an order's instance id is remembered per ClientToken. */
  tokenTtlMs?: number;
  now?: () => number;
}

/**
 * Each instance carries a tag derived from the ClientToken of the order that created it: the cloud
 * is the only record, so a repeated order is recognised even after the BFF restarted.
 */
export const ORDER_TAG_KEY = 'dify-console:order';
export function orderTagValue(clientToken: string): string {
  return createHash('sha256').update(clientToken).digest('hex').slice(0, 32);
}

/**
 * A second tag binds the token to the order it was made with (IdempotentParameterMismatch
 * otherwise, before and after a restart alike): a digest of the normalised order, keyed by the
 * token so that the passwords inside it cannot be guessed from the tag.
 */
export const ORDER_DIGEST_TAG_KEY = 'dify-console:order-digest';
export function orderDigest(request: OrderRequest): string {
  const { clientToken, ...order } = request;
  const sorted = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sorted(x)]))
      : v;
  return createHmac('sha256', clientToken).update(JSON.stringify(sorted(order))).digest('hex').slice(0, 32);
}
const IDEMPOTENT_MISMATCH = /^Idempotent(Parameter|Param)Mis[mM]atch|^IdempotenceParamNotMatch/;

/**
 * Names, orders, lists, details and deletions of the account's Dify service instances. The cloud
 * is the only record of a deployment; what is kept here is short-lived caches and the instance id
 * of recent orders per ClientToken (so a repeated order answers the same instance).
 */
export class DeploymentService {
  private readonly names: TtlCache<boolean>;
  private readonly nameFlights = new SingleFlight<ServiceInstanceRecord[]>();
  private readonly lists: TtlCache<ServiceInstanceRecord[]>;
  private readonly listFlights = new SingleFlight<ServiceInstanceRecord[]>();
  private readonly orders: TtlCache<{ instanceId: string; digest: string }>;
  private readonly orderFlights = new SingleFlight<string>();

  constructor(
    private readonly computeNest: ComputeNestPort,
    private readonly account: AccountContext,
    private readonly picks: PicksPort,
    /** The service's template: binds the request to its parameters and checks its rules. */
    private readonly templates: OrderTemplatePort,
    options: DeploymentServiceOptions = {},
  ) {
    const now = options.now ?? Date.now;
    this.names = new TtlCache(options.nameTtlMs ?? 10_000, now);
    this.lists = new TtlCache(options.listTtlMs ?? 5_000, now, 100);
    this.orders = new TtlCache(options.tokenTtlMs ?? 24 * 3600_000, now, 10_000);
  }

  // ── names ────────────────────────────────────────────────────────────────────────────────

  /**
   * The account's live instances (any service, not deleted) with exactly this name, or the cached
   * answer of whether there is one.
   */
  private async sameName(accountId: string, name: string): Promise<ServiceInstanceRecord[]> {
    return this.nameFlights.run(`${accountId}|${name}|fresh`, async () => {
      const found = await allTokenPages((nextToken) =>
        this.computeNest.listServiceInstances({ filters: [{ Name: 'ServiceInstanceName', Value: [name] }], nextToken }),
      );
      // The filter is fuzzy with one value: the exact match is decided here.
      const same = found.filter((i) => i.Name === name && i.Status !== 'Deleted');
      this.names.set(`${accountId}|${name}`, same.length > 0);
      return same;
    });
  }

  private async nameTaken(accountId: string, name: string): Promise<boolean> {
    return this.names.get(`${accountId}|${name}`) ?? (await this.sameName(accountId, name)).length > 0;
  }

  async nameAvailability(name: string, locale: Locale): Promise<{ name: string; available: boolean; message?: string }> {
    const valid = InstanceNameSchema.safeParse(name);
    if (!valid.success) {
      return { name, available: false, message: ruleMessage(valid.error.issues[0]?.message ?? 'instanceName.format', locale) };
    }
    const taken = await this.nameTaken(await this.account.id(), name);
    return taken ? { name, available: false, message: format(TEXT.nameTaken[locale], { name }) } : { name, available: true };
  }

  // ── orders ───────────────────────────────────────────────────────────────────────────────

  /**
   * Orders a deployment. The same ClientToken always answers the same instance: a repeat within
   * the BFF's memory answers at once, identical orders in flight share one call, and the cloud
   * call itself is retried with the same token (idempotent) on timeouts, network errors, 5xx and
   * throttling.
   */
  async order(request: OrderRequest, locale: Locale): Promise<{ instanceId: string }> {
    const accountId = await this.account.id();
    const key = `${accountId}|${request.clientToken}`;
    const digest = orderDigest(request);
    const mismatch = () =>
      new ProblemError(409, {
        code: 'IdempotentParameterMismatch',
        message: TEXT.tokenReused[locale],
        issues: [{ path: ['clientToken'], message: TEXT.tokenReused[locale] }],
      });
    const known = this.orders.get(key);
    if (known) {
      if (known.digest !== digest) throw mismatch();
      return { instanceId: known.instanceId };
    }
    const instanceId = await this.orderFlights.run(`${key}|${digest}`, async () => {
      // The template's own rules first: a refused parameter orders nothing.
      const built = await this.templates.orderParameters(request, locale);
      const orderTag = { Key: ORDER_TAG_KEY, Value: orderTagValue(request.clientToken) };
      const digestTag = { Key: ORDER_DIGEST_TAG_KEY, Value: digest };
      const clashes = await this.sameName(accountId, request.name);
      // An instance of this very token (say, ordered before the BFF restarted) is the answer,
      // if it was made with this very order.
      const mine = clashes.find((i) => i.Tags?.some((t) => t.Key === orderTag.Key && t.Value === orderTag.Value));
      if (mine) {
        const made = mine.Tags?.find((t) => t.Key === ORDER_DIGEST_TAG_KEY)?.Value;
        if (made !== undefined && made !== digest) throw mismatch();
        this.orders.set(key, { instanceId: mine.ServiceInstanceId, digest });
        return mine.ServiceInstanceId;
      }
      if (clashes.length > 0) {
        throw new ProblemError(409, {
          code: 'NameTaken',
          message: TEXT.nameTakenTitle[locale],
          issues: [{ path: ['name'], message: format(TEXT.nameTaken[locale], { name: request.name }) }],
        });
      }
      // The API is public: a client that skipped the pre-flight page must not order what can only fail.
      const issues = await this.picks.unusablePicks(request.regionId, request.parameters, locale);
      if (issues.length > 0) throw new ProblemError(400, { code: 'ResourcesNotUsable', message: TEXT.unusable[locale], issues });
      const p = request.parameters;
      const created = await withSecretsScrubbed(p, () =>
        this.computeNest.createServiceInstance({
          serviceId: DIFY_SERVICE_ID,
          serviceVersion: built.serviceVersion,
          templateName: built.templateName,
          name: request.name,
          parameters: built.parameters,
          clientToken: request.clientToken,
          // The user's tags (as the Compute Nest form allows), then the console's own.
          tags: [
            ...(request.tags ?? []).filter((t) => !t.key.startsWith('dify-console:')).map((t) => ({ Key: t.key, Value: t.value })),
            orderTag,
            digestTag,
          ],
          ...(request.resourceGroupId ? { resourceGroupId: request.resourceGroupId } : {}),
        }), built.secrets,
      ).catch((err: unknown) => {
        // The cloud's own word for the same (a token reused under another name, say).
        throw isCloudError(err) && IDEMPOTENT_MISMATCH.test(err.code) ? mismatch() : err;
      });
      this.orders.set(key, { instanceId: created.ServiceInstanceId, digest });
      this.names.set(`${accountId}|${request.name}`, true);
      this.lists.delete(accountId);
      return created.ServiceInstanceId;
    });
    return { instanceId };
  }

  // ── reading ──────────────────────────────────────────────────────────────────────────────

  /** The account's Dify deployments (every page), newest first; deleted ones left out. */
  async list(options: { refresh?: boolean } = {}): Promise<DeploymentSummary[]> {
    const accountId = await this.account.id();
    let records = options.refresh ? undefined : this.lists.get(accountId);
    records ??= await this.listFlights.run(accountId, async () => {
      const all = await allTokenPages((nextToken) =>
        this.computeNest.listServiceInstances({ filters: [{ Name: 'ServiceId', Value: [DIFY_SERVICE_ID] }], nextToken }),
      );
      this.lists.set(accountId, all);
      return all;
    });
    return records
      .filter((r) => r.Status !== 'Deleted' && (!r.Service?.ServiceId || r.Service.ServiceId === DIFY_SERVICE_ID))
      .map((r) => toSummary(r))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  private async instance(instanceId: string, locale: Locale): Promise<ServiceInstanceRecord> {
    try {
      return await this.computeNest.getServiceInstance(instanceId);
    } catch (err) {
      throw asNotFound(err, instanceId, locale);
    }
  }

  /** The instance and its resources, as the cloud has them now. */
  async snapshot(instanceId: string, locale: Locale = 'zh-CN') {
    const record = await this.instance(instanceId, locale);
    const resources = await allTokenPages((nextToken) => this.computeNest.listServiceInstanceResources(instanceId, { nextToken }));
    return { record, resources };
  }

  async get(instanceId: string, locale: Locale): Promise<DeploymentDetail> {
    const { record, resources } = await this.snapshot(instanceId, locale);
    // The template of the version ordered maps its parameters back to our fields; without it
    // (say, the template cannot be read now) the names are recognised by their shape.
    const template = await this.templates.bound(record.TemplateName, locale, record.Service?.Version || undefined).catch(() => undefined);
    return toDetail(record, resources, locale, undefined, template);
  }

  // ── deletion ─────────────────────────────────────────────────────────────────────────────

  /** Deletes an instance whose name was typed again; answers the status it is in afterwards. */
  async delete(instanceId: string, confirmName: string, locale: Locale): Promise<{ instanceId: string; status: DeploymentStatus }> {
    const record = await this.instance(instanceId, locale);
    if (confirmName !== record.Name) {
      throw new ProblemError(400, {
        code: 'ConfirmationMismatch',
        message: TEXT.confirmTitle[locale],
        issues: [{ path: ['confirmName'], message: format(TEXT.confirmMismatch[locale], { name: record.Name }) }],
      });
    }
    // A token derived from the instance: a retried or repeated deletion is the same request.
    const token = createHash('sha256').update(`delete|${instanceId}`).digest('hex').slice(0, 32);
    await this.computeNest.deleteServiceInstances([instanceId], token);
    const accountId = await this.account.id();
    this.lists.delete(accountId);
    this.names.delete(`${accountId}|${record.Name}`);
    let status: DeploymentStatus;
    try {
      status = toStatus((await this.computeNest.getServiceInstance(instanceId)).Status);
    } catch (err) {
      if (!isCloudError(err) || err.code !== 'ServiceInstanceNotFound') throw err;
      status = 'Deleted';
    }
    return { instanceId, status };
  }
}
