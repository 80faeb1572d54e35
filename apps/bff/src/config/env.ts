import { isIPv4 } from 'node:net';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { ListedApi } from '../ports/resources';

/**
 * The ONLY reader of process.env. Every variable is optional; a bad value fails start-up with a
 * sentence naming the variable and what to do.
 */

/** Only real loopback: 127.0.0.0/8 as an IP address, ::1, localhost; never `127.evil.com` or `localhost.evil.com`. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '[::1]') return true;
  return isIPv4(h) && h.startsWith('127.');
}

const bffRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_WEB_DIST = resolve(bffRoot, '../web/dist');
/** Where the embedded local cloud keeps its state, so a restart of the console loses nothing. */
const DEFAULT_SIM_STATE_FILE = resolve(bffRoot, '../../.sandbox/state.json');

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const flag = z.enum(['true', 'false', 'TRUE', 'FALSE', '1', '0']).transform((v) => v === 'true' || v === 'TRUE' || v === '1');

const EDGE_PORT_ERROR = "must be the port of the local cloud's Dify edge (printed by `pnpm sim`), e.g. CLOUD_SIM_EDGE_PORT=9180";

const RawEnvSchema = z.object({
  PORT: opt(
    z.coerce
      .number({ error: 'must be a whole number between 0 and 65535, e.g. PORT=8080' })
      .int({ error: 'must be a whole number between 0 and 65535, e.g. PORT=8080' })
      .min(0, { error: 'must be a whole number between 0 and 65535, e.g. PORT=8080' })
      .max(65535, { error: 'must be a whole number between 0 and 65535, e.g. PORT=8080' }),
  ),
  HOST: opt(z.string().regex(/^[A-Za-z0-9.:[\]-]+$/, { error: 'must be a host name or IP address to listen on, e.g. HOST=127.0.0.1' })),
  LOG_LEVEL: opt(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    }),
  ),
  LOG_REQUEST_SAMPLE: opt(
    z.coerce
      .number({ error: 'must be a number from 0 to 1: the share of successful requests logged (every 4xx and 5xx is), e.g. LOG_REQUEST_SAMPLE=0.1' })
      .min(0, { error: 'must be a number from 0 to 1: the share of successful requests logged (every 4xx and 5xx is), e.g. LOG_REQUEST_SAMPLE=0.1' })
      .max(1, { error: 'must be a number from 0 to 1: the share of successful requests logged (every 4xx and 5xx is), e.g. LOG_REQUEST_SAMPLE=0.1' }),
  ),
  CONSOLE_ACCESS_TOKEN: opt(z.string().min(16, { error: 'must be at least 16 characters long (e.g. the output of `openssl rand -hex 24`)' })),
  CLOUD_SIM_ENDPOINT: opt(
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL of a running local cloud, e.g. CLOUD_SIM_ENDPOINT=http://127.0.0.1:9100 (start one with `pnpm sim`)' }),
  ),
  CLOUD_SIM_EDGE_PORT: opt(
    z.coerce
      .number({ error: EDGE_PORT_ERROR })
      .int({ error: EDGE_PORT_ERROR })
      .min(1, { error: EDGE_PORT_ERROR })
      .max(65535, { error: EDGE_PORT_ERROR }),
  ),
  CLOUD_SIM_DNS: opt(
    z.string().regex(/^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\])(:\d{1,5})?$/, {
      error: "must be the address of the local cloud's DNS server (printed by `pnpm sim`), e.g. CLOUD_SIM_DNS=127.0.0.1:9153",
    }),
  ),
  CLOUD_MODE: opt(
    z.enum(['auto', 'aliyun'], {
      error: 'must be auto (the real cloud when credentials are found, else the local cloud) or aliyun (the real cloud only)',
    }),
  ),
  SIM_STATE_FILE: opt(z.string().min(1)),
  SIM_SPEED: opt(z.coerce.number({ error: 'must be a positive number (time speed of the local cloud, e.g. SIM_SPEED=10)' }).positive({ error: 'must be a positive number (time speed of the local cloud, e.g. SIM_SPEED=10)' })),
  WEB_DIST_DIR: opt(z.string()),
  COMPUTE_NEST_REGION: opt(
    z.enum(['cn-hangzhou', 'ap-southeast-1'], {
      error: 'must be cn-hangzhou (China site) or ap-southeast-1 (international site)',
    }),
  ),
  COMPUTE_NEST_SERVICE_VERSION: opt(
    z.string().regex(/^\d{1,9}$/, { error: 'must be a published version number of the Compute Nest service, e.g. COMPUTE_NEST_SERVICE_VERSION=7 (leave it unset for the default version)' }),
  ),
  CLOUD_TIMEOUT_MS: opt(
    z.coerce
      .number({ error: 'must be a whole number of milliseconds between 100 and 120000, e.g. CLOUD_TIMEOUT_MS=10000' })
      .int({ error: 'must be a whole number of milliseconds between 100 and 120000, e.g. CLOUD_TIMEOUT_MS=10000' })
      .min(100, { error: 'must be a whole number of milliseconds between 100 and 120000, e.g. CLOUD_TIMEOUT_MS=10000' })
      .max(120_000, { error: 'must be a whole number of milliseconds between 100 and 120000, e.g. CLOUD_TIMEOUT_MS=10000' }),
  ),
  PROBE_IMAGE: opt(
    z.string().regex(/^[a-z0-9][a-z0-9._\-/:@]{0,254}$/, {
      error: 'must be an image reference the cluster can pull, e.g. PROBE_IMAGE=registry-vpc.cn-hangzhou.aliyuncs.com/<namespace>/postgres:16-alpine',
    }),
  ),
  CLUSTER_API_ACCESS: opt(
    z.enum(['public', 'intranet'], {
      error: "must be 'public' (the console reaches each cluster's API server over its public endpoint) or 'intranet' (the console runs inside the cluster's VPC), e.g. CLUSTER_API_ACCESS=intranet",
    }),
  ),
  CLOUD_LIST_CONCURRENCY: opt(
    z.string().regex(/^\s*(\d+|(vpcs|clusters|rds|redis|milvus)=\d+(\s*,\s*(vpcs|clusters|rds|redis|milvus)=\d+)*)\s*$/, {
      error: 'must be a number of calls in flight per listing API (e.g. CLOUD_LIST_CONCURRENCY=10) or per API (e.g. CLOUD_LIST_CONCURRENCY=rds=10,vpcs=5; APIs: vpcs, clusters, rds, redis, milvus)',
    }),
  ),
  ALIBABA_CLOUD_ACCESS_KEY_ID: opt(z.string()),
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: opt(z.string()),
  ALIBABA_CLOUD_SECURITY_TOKEN: opt(z.string()),
  ALIBABA_CLOUD_PROFILE: opt(z.string()),
  ALIBABA_CLOUD_CLI_PROFILE_DISABLED: opt(flag),
  ALIBABA_CLOUD_ECS_METADATA: opt(z.string()),
  ALIBABA_CLOUD_ROLE_ARN: opt(z.string()),
  ALIBABA_CLOUD_OIDC_PROVIDER_ARN: opt(z.string()),
  ALIBABA_CLOUD_OIDC_TOKEN_FILE: opt(z.string()),
  ALIBABA_CLOUD_ROLE_SESSION_NAME: opt(z.string()),
  ALIBABA_CLOUD_CREDENTIALS_URI: opt(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL that answers temporary credentials' })),
  ALIBABA_CLOUD_ECS_METADATA_DISABLED: opt(flag),
  HOME: opt(z.string()),
});

export interface CredentialEnv {
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
  profile?: string;
  cliProfileDisabled: boolean;
  ecsMetadataRole?: string;
  ecsMetadataDisabled: boolean;
  homeDir: string;
  /** OIDC role (RRSA): all three together. */
  roleArn?: string;
  oidcProviderArn?: string;
  oidcTokenFile?: string;
  roleSessionName?: string;
  credentialsUri?: string;
}

export interface Env {
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Share (0…1) of successful requests that get their log line; 4xx and 5xx always do. */
  logRequestSample: number;
  /** Required (a login) when the console listens beyond loopback. */
  accessToken: string | null;
  loginRequired: boolean;
  /** `aliyun`: the real cloud only (a console in production never falls back to the local cloud). */
  cloudMode: 'auto' | 'aliyun';
  cloudSimEndpoint: string | null;
  /** With CLOUD_SIM_ENDPOINT: where that local cloud serves the entries (its Dify edge) and resolves their names. */
  cloudSimEdgePort: number | null;
  cloudSimDns: string | null;
  simSpeed: number | null;
  /** The embedded local cloud's state file; null keeps it in memory only (SIM_STATE_FILE=off). */
  simStateFile: string | null;
  webDistDir: string;
  computeNestRegion: 'cn-hangzhou' | 'ap-southeast-1';
  /** The service version ordered; null = the service's default version. */
  computeNestServiceVersion: string | null;
  cloudTimeoutMs: number;
  /** The image of the pre-flight probe Job (sh, getent, psql, nc, wget). */
  probeImage: string;
  /** Which endpoint of a cluster's API server the console uses: public (default) or intranet (inside the VPC). */
  clusterApiAccess: 'public' | 'intranet';
  /** Calls in flight per paged listing API (the defaults of the resource service where absent). */
  listConcurrency: Partial<Record<ListedApi, number>>;
  credentials: CredentialEnv;
}

const LISTED_APIS: readonly ListedApi[] = ['vpcs', 'clusters', 'rds', 'redis', 'milvus'];

/** `10` (every listing API) or `rds=10,vpcs=5`. */
function parseListConcurrency(value: string | undefined): { value: Partial<Record<ListedApi, number>>; problem?: string } {
  if (value === undefined) return { value: {} };
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= 1 ? { value: Object.fromEntries(LISTED_APIS.map((api) => [api, n])) } : { value: {}, problem: 'CLOUD_LIST_CONCURRENCY must be at least 1' };
  }
  const pairs = text.split(',').map((pair) => pair.split('=').map((part) => part.trim()) as [ListedApi, string]);
  if (pairs.some(([, n]) => Number(n) < 1)) return { value: {}, problem: 'CLOUD_LIST_CONCURRENCY must be at least 1 for every API' };
  return { value: Object.fromEntries(pairs.map(([api, n]) => [api, Number(n)])) };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The console cannot start; fix the configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment (process.env unless given) into the console's configuration. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = RawEnvSchema.safeParse(source);
  const problems: string[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        const shown = /SECRET|TOKEN/.test(name) ? '' : ` (got "${source[name] ?? ''}")`;
        return `${name} ${issue.message}${shown}`;
      });
  const host = source.HOST?.trim() || '127.0.0.1';
  const loginRequired = !isLoopbackHost(host);
  if (loginRequired && !source.CONSOLE_ACCESS_TOKEN?.trim()) {
    problems.push(
      `HOST=${host} makes the console reachable from other machines, so a login is required: set CONSOLE_ACCESS_TOKEN to a long random value (e.g. \`openssl rand -hex 24\`), or listen on HOST=127.0.0.1`,
    );
  }
  if (Boolean(source.ALIBABA_CLOUD_ACCESS_KEY_ID?.trim()) !== Boolean(source.ALIBABA_CLOUD_ACCESS_KEY_SECRET?.trim())) {
    problems.push(
      'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET must be set together (or neither, to use the aliyun CLI profile, an ECS RAM role or the local cloud)',
    );
  }
  if (source.CLOUD_MODE?.trim() === 'aliyun' && source.CLOUD_SIM_ENDPOINT?.trim()) {
    problems.push('CLOUD_MODE=aliyun and CLOUD_SIM_ENDPOINT contradict each other: unset CLOUD_SIM_ENDPOINT to use the real cloud');
  }
  const listConcurrency = parseListConcurrency(parsed.success ? parsed.data.CLOUD_LIST_CONCURRENCY : undefined);
  if (listConcurrency.problem) problems.push(listConcurrency.problem);
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const e = parsed.data;

  return {
    port: e.PORT ?? 8080,
    host,
    logLevel: e.LOG_LEVEL ?? 'info',
    logRequestSample: e.LOG_REQUEST_SAMPLE ?? 1,
    accessToken: e.CONSOLE_ACCESS_TOKEN ?? null,
    loginRequired,
    cloudMode: e.CLOUD_MODE ?? 'auto',
    cloudSimEndpoint: e.CLOUD_SIM_ENDPOINT?.replace(/\/+$/, '') ?? null,
    cloudSimEdgePort: e.CLOUD_SIM_EDGE_PORT ?? null,
    cloudSimDns: e.CLOUD_SIM_DNS ?? null,
    simSpeed: e.SIM_SPEED ?? null,
    simStateFile: e.SIM_STATE_FILE === 'off' ? null : e.SIM_STATE_FILE ? resolve(e.SIM_STATE_FILE) : DEFAULT_SIM_STATE_FILE,
    webDistDir: e.WEB_DIST_DIR ? resolve(e.WEB_DIST_DIR) : DEFAULT_WEB_DIST,
    computeNestRegion: e.COMPUTE_NEST_REGION ?? 'cn-hangzhou',
    computeNestServiceVersion: e.COMPUTE_NEST_SERVICE_VERSION ?? null,
    cloudTimeoutMs: e.CLOUD_TIMEOUT_MS ?? 10_000,
    probeImage: e.PROBE_IMAGE ?? 'postgres:16-alpine',
    clusterApiAccess: e.CLUSTER_API_ACCESS ?? 'public',
    listConcurrency: listConcurrency.value,
    credentials: {
      accessKeyId: e.ALIBABA_CLOUD_ACCESS_KEY_ID,
      accessKeySecret: e.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
      securityToken: e.ALIBABA_CLOUD_SECURITY_TOKEN,
      profile: e.ALIBABA_CLOUD_PROFILE,
      cliProfileDisabled: e.ALIBABA_CLOUD_CLI_PROFILE_DISABLED ?? false,
      ecsMetadataRole: e.ALIBABA_CLOUD_ECS_METADATA,
      ecsMetadataDisabled: e.ALIBABA_CLOUD_ECS_METADATA_DISABLED ?? false,
      homeDir: e.HOME ?? homedir(),
      roleArn: e.ALIBABA_CLOUD_ROLE_ARN,
      oidcProviderArn: e.ALIBABA_CLOUD_OIDC_PROVIDER_ARN,
      oidcTokenFile: e.ALIBABA_CLOUD_OIDC_TOKEN_FILE,
      roleSessionName: e.ALIBABA_CLOUD_ROLE_SESSION_NAME,
      credentialsUri: e.ALIBABA_CLOUD_CREDENTIALS_URI,
    },
  };
}
