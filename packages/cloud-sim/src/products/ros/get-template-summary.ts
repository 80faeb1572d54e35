import { parse } from 'yaml';
import { Errors, SimError } from '../../protocol/errors';
import { findTemplateObject } from '../computenest/template-store';
import type { ActionHandler } from '../types';

const MAX_BODY = 524_288;

/**
 * The template a request names: `TemplateBody` (JSON or YAML) or `TemplateURL`. A URL is read
 * from the local cloud's object-storage stand-in (the only store it has); any other URL cannot
 * be fetched. Codes UNCONFIRMED beyond ROS's documented one-of rule.
 */
function templateText(params: { get(k: string): string | undefined }, endpoint: string): string {
  const body = params.get('TemplateBody');
  const url = params.get('TemplateURL');
  const others = ['TemplateId', 'StackId', 'ChangeSetId', 'StackGroupName'].filter(
    (k) => params.get(k) !== undefined,
  );
  if (others.length > 0)
    throw new SimError(
      'Sandbox.NotImplemented',
      501,
      `The local cloud summarises templates by TemplateBody or TemplateURL only, not by ${others.join(', ')}.`,
    );
  if ((body === undefined) === (url === undefined))
    throw Errors.invalidParameter(
      'TemplateBody',
      'You can specify only one of the TemplateBody and TemplateURL parameters, and one is required.',
    );
  if (body !== undefined) {
    if (body.length < 1 || body.length > MAX_BODY)
      throw Errors.invalidParameter(
        'TemplateBody',
        'The template body must be 1 to 524,288 bytes.',
      );
    return body;
  }
  let parsed: URL;
  try {
    parsed = new URL(url ?? '');
  } catch {
    throw Errors.invalidParameter(
      'TemplateURL',
      `The TemplateURL ${url ?? ''} is not a valid URL.`,
    );
  }
  const own = new URL(endpoint);
  const found = parsed.host === own.host ? findTemplateObject(parsed.pathname) : undefined;
  if (!found)
    throw new SimError(
      'InvalidTemplateURL',
      400,
      `The template could not be retrieved from TemplateURL ${url ?? ''}.`,
    );
  return found.body;
}

/**
 * GetTemplateSummary (ROS 2019-09-10): a template's parameter declarations (each with its
 * ParameterKey), its Metadata (ALIYUN::ROS::Interface with the parameter groups), description,
 * resource types and format version; the fields of the official `GetTemplateSummaryResponseBody`.
 */
export const getTemplateSummary: ActionHandler = ({ params, endpoint }) => {
  const text = templateText(params, endpoint);
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new SimError(
      'InvalidTemplate',
      400,
      `The template is neither valid JSON nor valid YAML: ${(e as Error).message.split('\n')[0] ?? ''}`,
    );
  }
  const t = doc !== null && typeof doc === 'object' ? (doc as Record<string, unknown>) : {};
  const version = t.ROSTemplateFormatVersion;
  if (version !== '2015-09-01')
    throw new SimError(
      'InvalidTemplate',
      400,
      'The template must declare ROSTemplateFormatVersion: 2015-09-01.',
    );
  const declared = (t.Parameters ?? {}) as Record<string, Record<string, unknown>>;
  const resources = (t.Resources ?? {}) as Record<string, { Type?: string }>;
  return {
    Description: t.Description ?? 'No description',
    Parameters: Object.entries(declared).map(([key, def]) => ({ ParameterKey: key, ...def })),
    Metadata: t.Metadata ?? {},
    ResourceTypes: [...new Set(Object.values(resources).map((r) => r.Type ?? ''))].filter(Boolean),
    Version: version,
  };
};
