import type { TemplateForm } from '@dify-console/shared/api/template';
import { format, joinList, type Locale, type Localized } from '@dify-console/shared/domain/i18n';
import type { TemplateParameter } from '@dify-console/shared/template/parameter-rules';
import { DIFY_SERVICE_ID, HA_EXISTING_TEMPLATE, type TemplateDescription } from '@dify-console/shared/template/templates';
import { ProblemError } from '../../errors/problem-error';
import { SingleFlight, TtlCache } from '../../lib/utils';
import { bindTemplate, buildParameters, parseTemplateParameters } from './binding';
import type { OrderParameters, OrderTemplatePort, TemplatePorts, TemplateRequest } from '../../ports/template';

const TEXT = {
  badMetadata: {
    'zh-CN': '服务 {serviceId} 版本 {version} 的部署元数据无法解析',
    en: 'The deploy metadata of service {serviceId} version {version} cannot be read',
  },
  unknownTemplate: {
    'zh-CN': '服务版本 {version} 中没有模板 {name}，可选：{names}',
    en: 'Service version {version} has no template {name}; it has: {names}',
  },
  invalid: { 'zh-CN': '参数不满足服务模板的要求', en: "The parameters do not meet the service template's constraints" },
} satisfies Record<string, Localized>;

export interface ServiceTemplates {
  version: string;
  versionName: string;
  templates: { name: string; url: string; allowedRegions: string[] }[];
}

export interface BoundTemplate {
  serviceVersion: string;
  templateName: string;
  parameters: TemplateParameter[];
  binding: ReturnType<typeof bindTemplate>;
}

export interface TemplateServiceOptions {
  serviceId?: string;
  /** COMPUTE_NEST_SERVICE_VERSION; null = the service's default version. */
  serviceVersion?: string | null;
  /** How long the answer of GetService is reused (the default version may change). */
  serviceTtlMs?: number;
  now?: () => number;
}

function parseTemplateConfigs(deployMetadata: string): ServiceTemplates['templates'] | undefined {
  try {
    const meta = JSON.parse(deployMetadata) as { TemplateConfigs?: unknown };
    if (!Array.isArray(meta.TemplateConfigs)) return undefined;
    return meta.TemplateConfigs.flatMap((t: Record<string, unknown>) =>
      typeof t.Name === 'string' && typeof t.Url === 'string'
        ? [{ name: t.Name, url: t.Url, allowedRegions: Array.isArray(t.AllowedRegions) ? t.AllowedRegions.filter((r): r is string => typeof r === 'string') : [] }]
        : [],
    );
  } catch {
    return undefined;
  }
}

/**
 * The service's template, read the way a real account reads it: GetService (the configured
 * version, or the default one) → DeployMetadata.TemplateConfigs → ROS GetTemplateSummary of the
 * template URL. A published version's template never changes, so its parameters are cached per
 * service version and template; which version is the default is asked again after a while.
 */
export class TemplateService implements OrderTemplatePort {
  private readonly serviceId: string;
  private readonly serviceVersion: string | undefined;
  private readonly services: TtlCache<ServiceTemplates>;
  private readonly serviceFlights = new SingleFlight<ServiceTemplates>();
  private readonly parameters = new Map<string, TemplateParameter[]>();
  private readonly parameterFlights = new SingleFlight<TemplateParameter[]>();

  constructor(
    private readonly ports: TemplatePorts,
    options: TemplateServiceOptions = {},
    /** The console's own description of the fields it knows. */
    private readonly fields: TemplateDescription['fields'] = HA_EXISTING_TEMPLATE.fields,
  ) {
    this.serviceId = options.serviceId ?? DIFY_SERVICE_ID;
    this.serviceVersion = options.serviceVersion ?? undefined;
    this.services = new TtlCache(options.serviceTtlMs ?? 5 * 60_000, options.now ?? Date.now, 50);
  }

  /** The service in a version (the configured one by default) with its templates. */
  async service(version: string | undefined = this.serviceVersion, locale: Locale = 'zh-CN'): Promise<ServiceTemplates> {
    const key = version ?? '';
    const cached = this.services.get(key);
    if (cached) return cached;
    return this.serviceFlights.run(key, async () => {
      const s = await this.ports.computeNest.getService({ serviceId: this.serviceId, serviceVersion: version });
      const templates = parseTemplateConfigs(s.DeployMetadata);
      if (!templates) {
        throw new ProblemError(502, {
          code: 'Template.BadMetadata',
          message: format(TEXT.badMetadata[locale], { serviceId: this.serviceId, version: s.Version }),
        });
      }
      const answer = { version: s.Version, versionName: s.VersionName, templates };
      this.services.set(key, answer);
      if (version === undefined) this.services.set(s.Version, answer);
      return answer;
    });
  }

  private async templateParameters(version: string, url: string): Promise<TemplateParameter[]> {
    const key = `${version}|${url}`;
    const cached = this.parameters.get(key);
    if (cached) return cached;
    return this.parameterFlights.run(key, async () => {
      const parsed = parseTemplateParameters(await this.ports.ros.getTemplateSummary(url));
      this.parameters.set(key, parsed);
      return parsed;
    });
  }

  /** A template of a service version, bound to the console's fields. */
  async bound(templateName: string | undefined, locale: Locale, version: string | undefined = this.serviceVersion): Promise<BoundTemplate> {
    const service = await this.service(version, locale);
    const name = templateName ?? (service.templates.some((t) => t.name === HA_EXISTING_TEMPLATE.name) ? HA_EXISTING_TEMPLATE.name : service.templates[0]?.name);
    const template = service.templates.find((t) => t.name === name);
    if (!template) {
      const message = format(TEXT.unknownTemplate[locale], {
        version: service.version,
        name: name ?? '',
        names: joinList(service.templates.map((t) => t.name), locale),
      });
      throw new ProblemError(400, { code: 'ValidationFailed', message, issues: [{ path: ['templateName'], message }] });
    }
    const parameters = await this.templateParameters(service.version, template.url);
    return { serviceVersion: service.version, templateName: template.name, parameters, binding: bindTemplate(parameters, this.fields, locale) };
  }

  /** What the form is drawn from (GET /api/v1/template). */
  async form(templateName: string | undefined, locale: Locale): Promise<TemplateForm> {
    const service = await this.service(undefined, locale);
    const b = await this.bound(templateName, locale);
    return {
      serviceId: this.serviceId,
      serviceVersion: service.version,
      serviceVersionName: service.versionName,
      templates: service.templates.map((t) => ({ name: t.name, allowedRegions: t.allowedRegions })),
      templateName: b.templateName,
      parameters: b.parameters,
      bindings: b.binding.bindings,
      drawn: b.binding.drawn,
      blocked: b.binding.blocked,
    };
  }

  /**
   * The `Parameters` and service version of an order (also of its quote, dry run and policy
   * check), or a 400 naming every field or template parameter that breaks the template's rules.
   */
  async orderParameters(request: TemplateRequest, locale: Locale): Promise<OrderParameters> {
    // Pinned to the version the form was drawn from and reviewed, even if the default moved since.
    const b = await this.bound(request.templateName, locale, request.serviceVersion ?? this.serviceVersion);
    const { parameters, issues } = buildParameters(b.parameters, b.binding, request, locale);
    if (issues.length > 0) throw new ProblemError(400, { code: 'ValidationFailed', message: TEXT.invalid[locale], issues });
    const secrets = b.parameters
      .filter((p) => p.noEcho && typeof parameters[p.key] === 'string')
      .map((p) => parameters[p.key] as string);
    return { serviceVersion: b.serviceVersion, templateName: b.templateName, parameters, secrets };
  }
}
