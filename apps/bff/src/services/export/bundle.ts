import { stringify } from 'yaml';
import {
  INGRESS,
  NAMESPACE,
  SERVICE,
  TLS_SECRET,
  desiredIngress,
  loadBalancerAnnotations,
  MANAGED_BY,
} from '../access/desired';

/**
 * A deployment as files that reproduce it without the console: the aliyun CLI call, Terraform, a
 * ROS template, and the access entry as Kubernetes manifests. Every NoEcho value is replaced by a
 * variable the user provides (an environment variable, a sensitive Terraform variable, a NoEcho
 * ROS parameter): no secret is ever written into a bundle.
 */

export interface ExportInput {
  /** Compute Nest's API region (where CreateServiceInstance is called). */
  apiRegionId: string;
  serviceId: string;
  serviceVersion: string;
  templateName: string;
  name: string;
  /** The template's parameters by their real names, NoEcho ones included (their values are dropped). */
  parameters: Record<string, unknown>;
  /** Names of the parameters whose values are secrets (the template's NoEcho). */
  noEcho: readonly string[];
  resourceGroupId?: string | undefined;
  tags?: readonly { key: string; value: string }[] | undefined;
  /** A fresh ClientToken for the replay: the same token makes a retry of the script idempotent. */
  clientToken: string;
  access: ExportAccess;
}

export type ExportAccess =
  | { kind: 'none' }
  | { kind: 'loadBalancer'; addressType: 'internet' | 'intranet' }
  | { kind: 'ingress'; host: string; tls: boolean };

export interface BundleFile {
  name: string;
  content: string;
}

/** `PostgresPassword` → `POSTGRES_PASSWORD`: the variable that holds a NoEcho parameter. */
export function secretVariable(parameter: string): string {
  return parameter
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

const tfName = (parameter: string) => secretVariable(parameter).toLowerCase();

/** The parameters with every NoEcho value removed, in the template's order. */
function publicParameters(input: ExportInput): Record<string, unknown> {
  const secret = new Set(input.noEcho);
  return Object.fromEntries(Object.entries(input.parameters).filter(([k]) => !secret.has(k)));
}

const secretNames = (input: ExportInput) => input.noEcho.filter((k) => k in input.parameters);

/** A value for a shell script, single-quoted (nothing inside is expanded). */
const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** A bash function printing its argument as a JSON string (backslash, quote and control characters escaped). */
const JSON_STRING_FUNCTION = [
  'json_string() {',
  '  local s=$1',
  '  s=${s//\\\\/\\\\\\\\}',
  '  s=${s//\\"/\\\\\\"}',
  "  s=${s//$'\\n'/\\\\n}",
  "  s=${s//$'\\r'/\\\\r}",
  "  s=${s//$'\\t'/\\\\t}",
  '  printf \'"%s"\' "$s"',
  '}',
];

function cliScript(input: ExportInput): string {
  const secrets = secretNames(input);
  const publicJson = JSON.stringify(publicParameters(input));
  const publicCount = Object.keys(publicParameters(input)).length;
  const lines = [
    '#!/usr/bin/env bash',
    `# Creates the Compute Nest service instance "${input.name}" again, as the console did:`,
    `# service ${input.serviceId} version ${input.serviceVersion}, template "${input.templateName}".`,
    '# Needs the aliyun CLI (https://github.com/aliyun/aliyun-cli) with a configured profile.',
    ...(secrets.length > 0
      ? ['# Secrets are read from the environment, never written here:', ...secrets.map((k) => `#   ${secretVariable(k)}  (${k})`)]
      : []),
    '# Re-running it with the same CLIENT_TOKEN creates no second instance.',
    'set -euo pipefail',
    '',
    ...secrets.map((k) => `: "\${${secretVariable(k)}:?set ${secretVariable(k)} to the value of ${k}}"`),
    '',
    ...JSON_STRING_FUNCTION,
    '',
    `PARAMETERS=${shq(publicJson.slice(0, -1))}`,
    ...secrets.map((k, i) => `PARAMETERS+=${shq(`${i === 0 && publicCount === 0 ? '' : ','}${JSON.stringify(k)}:`)}"$(json_string "$${secretVariable(k)}")"`),
    "PARAMETERS+='}'",
    '',
    'aliyun computenest CreateServiceInstance \\',
    `  --region ${input.apiRegionId} \\`,
    `  --RegionId ${input.apiRegionId} \\`,
    `  --ServiceId ${shq(input.serviceId)} \\`,
    `  --ServiceVersion ${shq(input.serviceVersion)} \\`,
    `  --TemplateName ${shq(input.templateName)} \\`,
    `  --Name ${shq(input.name)} \\`,
    ...(input.resourceGroupId ? [`  --ResourceGroupId ${shq(input.resourceGroupId)} \\`] : []),
    ...(input.tags ?? []).flatMap((t, i) => [`  --Tag.${i + 1}.Key ${shq(t.key)} \\`, `  --Tag.${i + 1}.Value ${shq(t.value)} \\`]),
    `  --ClientToken "\${CLIENT_TOKEN:-${input.clientToken}}" \\`,
    '  --Parameters "$PARAMETERS"',
    '',
  ];
  return lines.join('\n');
}

/** An HCL value from JSON-like data (strings, numbers, booleans). */
const hcl = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(JSON.stringify(v)));

function terraform(input: ExportInput): BundleFile[] {
  const secrets = secretNames(input);
  const entries = Object.keys(input.parameters).map((k) =>
    secrets.includes(k) ? `    ${JSON.stringify(k)} = var.${tfName(k)}` : `    ${JSON.stringify(k)} = ${hcl(input.parameters[k])}`,
  );
  const main = [
    'terraform {',
    '  required_providers {',
    '    alicloud = { source = "aliyun/alicloud", version = ">= 1.205.0" }',
    '  }',
    '}',
    '',
    'provider "alicloud" {',
    `  region = ${JSON.stringify(input.apiRegionId)}`,
    '}',
    '',
    'resource "alicloud_compute_nest_service_instance" "dify" {',
    `  service_id            = ${JSON.stringify(input.serviceId)}`,
    `  service_version       = ${JSON.stringify(input.serviceVersion)}`,
    `  template_name         = ${JSON.stringify(input.templateName)}`,
    `  service_instance_name = ${JSON.stringify(input.name)}`,
    ...(input.resourceGroupId ? [`  resource_group_id     = ${JSON.stringify(input.resourceGroupId)}`] : []),
    '  parameters = jsonencode({',
    ...entries,
    '  })',
    ...((input.tags ?? []).length > 0
      ? ['  tags = {', ...(input.tags ?? []).map((t) => `    ${JSON.stringify(t.key)} = ${JSON.stringify(t.value)}`), '  }']
      : []),
    '}',
    '',
    'output "service_instance_id" {',
    '  value = alicloud_compute_nest_service_instance.dify.id',
    '}',
    '',
  ].join('\n');
  const variables = secrets
    .map((k) =>
      [`variable ${JSON.stringify(tfName(k))} {`, `  description = ${JSON.stringify(`${k} (NoEcho in the template)`)}`, '  type        = string', '  sensitive   = true', '}', ''].join('\n'),
    )
    .join('\n');
  return [
    { name: 'terraform/main.tf', content: main },
    { name: 'terraform/variables.tf', content: variables || '# The template has no secret parameters.\n' },
  ];
}

function rosTemplate(input: ExportInput): string {
  const secrets = secretNames(input);
  const doc = {
    ROSTemplateFormatVersion: '2015-09-01',
    Description: `Compute Nest service instance ${input.name} (${input.serviceId}, version ${input.serviceVersion}, template ${input.templateName})`,
    Parameters: Object.fromEntries(
      secrets.map((k) => [k, { Type: 'String', NoEcho: true, Label: { en: k, 'zh-cn': k }, Description: { en: `The value of ${k}`, 'zh-cn': `${k} 的值` } }]),
    ),
    Resources: {
      ServiceInstance: {
        Type: 'ALIYUN::ComputeNest::ServiceInstance',
        Properties: {
          Service: { ServiceId: input.serviceId, Version: input.serviceVersion },
          Name: input.name,
          TemplateName: input.templateName,
          ...(input.resourceGroupId ? { ResourceGroupId: input.resourceGroupId } : {}),
          ...((input.tags ?? []).length > 0 ? { Tags: (input.tags ?? []).map((t) => ({ Key: t.key, Value: t.value })) } : {}),
          Parameters: Object.fromEntries(Object.entries(input.parameters).map(([k, v]) => [k, secrets.includes(k) ? { Ref: k } : v])),
        },
      },
    },
    Outputs: {
      ServiceInstanceId: { Value: { 'Fn::GetAtt': ['ServiceInstance', 'ServiceInstanceId'] } },
    },
  };
  return stringify(doc, { lineWidth: 0 });
}

function accessManifests(access: ExportAccess): BundleFile[] {
  if (access.kind === 'none') return [];
  if (access.kind === 'loadBalancer') {
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: SERVICE, namespace: NAMESPACE, annotations: loadBalancerAnnotations(access.addressType) },
      spec: { type: 'LoadBalancer' },
    };
    return [{ name: 'kubernetes/access-service.yaml', content: stringify(service) }];
  }
  const want = desiredIngress(access.host, access.tls);
  const ingress = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: INGRESS, namespace: NAMESPACE, labels: { ...MANAGED_BY }, annotations: want.annotations },
    spec: { ...want.spec, tls: want.spec.tls.length > 0 ? want.spec.tls : undefined },
  };
  const files: BundleFile[] = [{ name: 'kubernetes/access-ingress.yaml', content: stringify(ingress) }];
  if (access.tls) {
    files.unshift({
      name: 'kubernetes/tls-secret.yaml',
      content:
        '# Replace both values with your certificate chain and private key (PEM), or create the Secret with\n' +
        `#   kubectl -n ${NAMESPACE} create secret tls ${TLS_SECRET} --cert=fullchain.pem --key=privkey.pem\n` +
        stringify({
          apiVersion: 'v1',
          kind: 'Secret',
          type: 'kubernetes.io/tls',
          metadata: { name: TLS_SECRET, namespace: NAMESPACE, labels: { ...MANAGED_BY } },
          stringData: { 'tls.crt': 'REPLACE WITH THE CERTIFICATE CHAIN (PEM)', 'tls.key': 'REPLACE WITH THE PRIVATE KEY (PEM)' },
        }),
    });
  }
  return files;
}

function readme(input: ExportInput, files: BundleFile[]): string {
  const secrets = secretNames(input);
  const has = (name: string) => files.some((f) => f.name === name);
  const k8s = files.filter((f) => f.name.startsWith('kubernetes/')).map((f) => f.name);
  return [
    `# Deployment "${input.name}", reproducible`,
    '',
    `Compute Nest service \`${input.serviceId}\`, version \`${input.serviceVersion}\`, template \`${input.templateName}\`,`,
    `created through the API region \`${input.apiRegionId}\`. Use ONE of the three ways below to create the`,
    'same service instance again (in another account, in staging, in a pipeline, after a disaster),',
    'then open the access entry with the Kubernetes manifests.',
    '',
    ...(input.resourceGroupId || (input.tags ?? []).length > 0
      ? [
          '## Resource group and tags',
          '',
          [
            input.resourceGroupId
              ? `The instance joins the resource group \`${input.resourceGroupId}\`, which belongs to the account it was exported from: in another account, change it or remove it (the instance then joins that account's default group) in every file.`
              : '',
            (input.tags ?? []).length > 0 ? `Tags: ${(input.tags ?? []).map((t) => `\`${t.key}=${t.value}\``).join(', ')}.` : '',
          ]
            .filter(Boolean)
            .join(' '),
          '',
        ]
      : []),
    '## Secrets',
    '',
    secrets.length > 0
      ? `No secret is in this bundle. Provide each of them yourself:\n\n${secrets.map((k) => `- \`${k}\`: environment variable \`${secretVariable(k)}\` (CLI), Terraform variable \`${tfName(k)}\`, ROS parameter \`${k}\``).join('\n')}`
      : 'The template has no secret parameters.',
    '',
    '## 1. The aliyun CLI: `deploy.sh`',
    '',
    '```sh',
    ...secrets.map((k) => `export ${secretVariable(k)}='…'`),
    'bash deploy.sh',
    '```',
    'Running it again with the same `CLIENT_TOKEN` (default: the one written in the script) creates no second instance.',
    '',
    '## 2. Terraform: `terraform/`',
    '',
    '```sh',
    'cd terraform && terraform init',
    `terraform apply${secrets.map((k) => ` -var ${tfName(k)}=…`).join('')}`,
    '```',
    '',
    '## 3. ROS: `ros/template.yaml`',
    '',
    `Create a ROS stack from the template (console or \`aliyun ros CreateStack\`); its NoEcho parameters${secrets.length > 0 ? ` (${secrets.join(', ')})` : ''} take the secrets.`,
    '',
    '## Then: the access entry',
    '',
    k8s.length > 0
      ? [
          'When the instance is deployed, with a kubeconfig of the cluster:',
          '',
          '```sh',
          ...(has('kubernetes/tls-secret.yaml') ? ['# first put your certificate and key into kubernetes/tls-secret.yaml'] : []),
          ...k8s.map((f) => `kubectl apply -f ${f}`),
          '```',
          input.access.kind === 'ingress'
            ? 'The Ingress needs the cluster\'s nginx Ingress add-on (ACK: Add-ons → nginx-ingress-controller). Point the domain at the address the Ingress shows.'
            : 'The load balancer\'s address appears under the Service `ack-dify` (namespace `dify-system`).',
          'Then open `http://<address>/install` to create Dify\'s administrator.',
        ].join('\n')
      : 'The deployment had no access entry yet: open one in the console, or change Service `ack-dify` (namespace `dify-system`) yourself.',
    '',
  ].join('\n');
}

export function buildBundle(input: ExportInput): BundleFile[] {
  const files: BundleFile[] = [
    { name: 'deploy.sh', content: cliScript(input) },
    ...terraform(input),
    { name: 'ros/template.yaml', content: rosTemplate(input) },
    ...accessManifests(input.access),
  ];
  return [{ name: 'README.md', content: readme(input, files) }, ...files];
}
