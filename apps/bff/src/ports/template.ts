import type { Locale } from '@dify-console/shared/domain/i18n';
import type { TemplateParameter } from '@dify-console/shared/template/parameter-rules';
import type { TemplateBinding } from '../services/template/binding';

/** What the template service needs from the cloud, in the cloud's own field names. */

export interface ServiceRecord {
  ServiceId: string;
  Version: string;
  VersionName: string;
  /** JSON string, as on the wire. */
  DeployMetadata: string;
}

export interface TemplateSummaryRecord {
  /** Each declaration with its ParameterKey (ROS GetTemplateSummary). */
  Parameters: Record<string, unknown>[];
  Metadata: Record<string, unknown>;
}

export interface TemplatePorts {
  computeNest: { getService(input: { serviceId: string; serviceVersion?: string | undefined }): Promise<ServiceRecord> };
  ros: { getTemplateSummary(templateUrl: string): Promise<TemplateSummaryRecord> };
}

/** An order's request as the template service reads it. */
export interface TemplateRequest {
  regionId: string;
  templateName: string;
  parameters: Record<string, unknown>;
  templateParameters?: Record<string, unknown> | undefined;
  /** The version the form was drawn from; absent: the configured (or default) one. */
  serviceVersion?: string | undefined;
}

export interface OrderParameters {
  serviceVersion: string;
  templateName: string;
  /** `Parameters` under the template's own names. */
  parameters: Record<string, unknown>;
  /** The values sent to NoEcho parameters (to scrub from any error text). */
  secrets: string[];
}

/** What the deployment services need from the template service. */
export interface OrderTemplatePort {
  orderParameters(request: TemplateRequest, locale: Locale): Promise<OrderParameters>;
  bound(
    templateName: string | undefined,
    locale: Locale,
    version?: string,
  ): Promise<{ serviceVersion: string; templateName: string; parameters: TemplateParameter[]; binding: TemplateBinding }>;
}
