import type { AccessState } from '@dify-console/shared/api/access';
import type { OrderRequest } from '@dify-console/shared/api/deployments';
import type { ExportBundle } from '@dify-console/shared/api/export';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { isProblemError } from '../../errors/problem-error';
import type { ComputeNestPort } from '../../ports/deployments';
import type { OrderTemplatePort } from '../../ports/template';
import { buildBundle, type ExportAccess } from './bundle';

export interface ExportPorts {
  computeNest: Pick<ComputeNestPort, 'getServiceInstance'>;
  templates: OrderTemplatePort;
  /** The access entry as it stands in the deployment's cluster. */
  access: { get(instanceId: string, locale: Locale): Promise<AccessState> };
}

/**
 * A deployment, or an order not yet placed, as a bundle that reproduces it without the console.
 * Parameters come under the template's own names (as Compute Nest recorded them, or as the order
 * would send them); the template's NoEcho parameters become variables, whatever their value.
 */
export class ExportService {
  constructor(
    private readonly ports: ExportPorts,
    private readonly apiRegionId: string,
    private readonly newToken: () => string = () => crypto.randomUUID(),
  ) {}

  async ofDeployment(instanceId: string, locale: Locale): Promise<ExportBundle> {
    const si = await this.ports.computeNest.getServiceInstance(instanceId);
    const version = si.Service?.Version ?? undefined;
    const bound = await this.ports.templates.bound(si.TemplateName || undefined, locale, version);
    const recorded = parseParameters(si.Parameters);
    // The template's order, then anything recorded that the template no longer names.
    const parameters = Object.fromEntries([
      ...bound.parameters.filter((p) => p.key in recorded).map((p) => [p.key, recorded[p.key]] as const),
      ...Object.entries(recorded).filter(([k]) => !bound.parameters.some((p) => p.key === k)),
    ]);
    const access = await this.accessOf(instanceId, locale);
    // The user's tags: not the cloud's own (acs:) nor the console's (a replay gets fresh ones).
    const tags = (si.Tags ?? []).filter((t) => !t.Key.startsWith('acs:') && !t.Key.startsWith('dify-console:'));
    return this.bundle({
      name: si.Name,
      serviceId: si.Service?.ServiceId ?? '',
      serviceVersion: bound.serviceVersion,
      templateName: bound.templateName,
      parameters,
      noEcho: bound.parameters.filter((p) => p.noEcho).map((p) => p.key),
      resourceGroupId: si.ResourceGroupId || undefined,
      tags: tags.map((t) => ({ key: t.Key, value: t.Value })),
      access,
    });
  }

  /** The order of the review step, before it is placed (same Parameters the order would send). */
  async ofOrder(order: OrderRequest, serviceId: string, locale: Locale): Promise<ExportBundle> {
    const built = await this.ports.templates.orderParameters(order, locale);
    const bound = await this.ports.templates.bound(built.templateName, locale, built.serviceVersion);
    return this.bundle({
      name: order.name,
      serviceId,
      serviceVersion: built.serviceVersion,
      templateName: built.templateName,
      parameters: built.parameters,
      noEcho: bound.parameters.filter((p) => p.noEcho).map((p) => p.key),
      resourceGroupId: order.resourceGroupId,
      // As the order would tag it, without the console's own tags.
      tags: (order.tags ?? []).filter((t) => !t.key.startsWith('dify-console:')),
      access: { kind: 'none' },
    });
  }

  private bundle(b: {
    name: string;
    serviceId: string;
    serviceVersion: string;
    templateName: string;
    parameters: Record<string, unknown>;
    noEcho: string[];
    resourceGroupId?: string | undefined;
    tags?: { key: string; value: string }[] | undefined;
    access: ExportAccess;
  }): ExportBundle {
    const files = buildBundle({ ...b, apiRegionId: this.apiRegionId, clientToken: `export-${this.newToken()}` });
    return { name: b.name, serviceVersion: b.serviceVersion, templateName: b.templateName, files };
  }

  /** The entry as applied; none when the deployment has none (or its cluster cannot be read now). */
  private async accessOf(instanceId: string, locale: Locale): Promise<ExportAccess> {
    let state: AccessState;
    try {
      state = await this.ports.access.get(instanceId, locale);
    } catch (err) {
      if (isProblemError(err)) return { kind: 'none' };
      throw err;
    }
    if (state.kind === 'loadBalancer') return { kind: 'loadBalancer', addressType: state.settings.addressType ?? 'internet' };
    if (state.kind === 'ingress' && state.settings.host) return { kind: 'ingress', host: state.settings.host, tls: state.settings.tls !== null };
    return { kind: 'none' };
  }
}

function parseParameters(text: string): Record<string, unknown> {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
