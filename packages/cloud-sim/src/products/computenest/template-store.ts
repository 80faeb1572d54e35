import { stringify } from 'yaml';
import {
  ACCESS_OUTPUT_KEY,
  ACCESS_OUTPUT_TEXT,
  SERVICE_VERSIONS,
  templateObjectPath,
  type TemplateDefinition,
} from './service';

/**
 * The object-storage stand-in: each published template document at the path its `Url` names
 * (`GET /oss/<bucket>/<key>` on the local cloud's endpoint, public-read like the service-info
 * bucket), written as ROS templates are: ROSTemplateFormatVersion, Parameters, the parameter
 * groups of `Metadata.ALIYUN::ROS::Interface`, Resources and Outputs; YAML or JSON.
 */

/** The ROS template document of a template (an object; `templateText` writes it out). */
export function templateDocument(t: TemplateDefinition): Record<string, unknown> {
  const ref = (input: keyof NonNullable<TemplateDefinition['inputs']>) =>
    t.inputs ? { Ref: t.inputs[input] } : '';
  return {
    ROSTemplateFormatVersion: '2015-09-01',
    Description: `Dify community edition (Dify 社区版): ${t.Name}`,
    Parameters: t.Parameters,
    Metadata: {
      'ALIYUN::ROS::Interface': {
        ParameterGroups: t.ParameterGroups,
        TemplateTags: ['acs:computenest:dify'],
      },
    },
    Resources: t.inputs
      ? {
          DifyRelease: {
            Type: 'ALIYUN::CS::ClusterHelmApplication',
            Properties: {
              ClusterId: ref('cluster'),
              Name: 'ack-dify',
              Namespace: 'dify-system',
              ChartUrl:
                'https://aliacs-app-catalog.oss-cn-hangzhou.aliyuncs.com/charts-incubator/ack-dify-1.1.3.tgz',
            },
          },
        }
      : {},
    Outputs: t.inputs ? { [ACCESS_OUTPUT_KEY]: { Value: ACCESS_OUTPUT_TEXT } } : {},
  };
}

export function templateText(t: TemplateDefinition): string {
  const doc = templateDocument(t);
  return t.format === 'json' ? JSON.stringify(doc, null, 2) : stringify(doc);
}

const decoded = (path: string) => {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
};

/** The object at a path of the stand-in (percent-encoded or not), or undefined (404 NoSuchKey). */
export function findTemplateObject(
  path: string,
): { body: string; contentType: string } | undefined {
  const key = decoded(path);
  for (const v of SERVICE_VERSIONS)
    for (const t of v.Templates)
      if (decoded(templateObjectPath(v.Version, t)) === key)
        return {
          body: templateText(t),
          contentType: t.format === 'json' ? 'application/json' : 'application/x-yaml',
        };
  return undefined;
}
