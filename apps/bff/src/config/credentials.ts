import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError, type CredentialEnv } from './env';

/**
 * The Alibaba Cloud credential chain, in the order of the official tools:
 * environment variables → aliyun CLI profile (~/.aliyun/config.json) → ECS RAM role (IMDS).
 */

export interface CloudCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** pop-core's `credentialsProvider` shape: called before every request. */
export interface CredentialsProvider {
  getCredentials(): Promise<CloudCredentials>;
}

export interface ResolvedCredentials {
  provider: CredentialsProvider;
  /** Where they came from, for the start-up line (never the values). */
  source: string;
}

export const staticCredentials = (c: CloudCredentials): CredentialsProvider => ({
  getCredentials: async () => c,
});

const ProfileFileSchema = z.looseObject({
  current: z.string().optional(),
  profiles: z
    .array(
      z.looseObject({
        name: z.string(),
        mode: z.string().optional(),
        access_key_id: z.string().optional(),
        access_key_secret: z.string().optional(),
        sts_token: z.string().optional(),
        ram_role_name: z.string().optional(),
      }),
    )
    .default([]),
});

export const IMDS_BASE = 'http://100.100.100.200';
const IMDS_TIMEOUT_MS = 300;
/** Refresh ECS role credentials this long before they expire. */
const REFRESH_MARGIN_MS = 3 * 60_000;

export interface ChainDeps {
  fetch?: typeof fetch;
  imdsBase?: string;
  /** How long to wait for the metadata service (a machine that is not on ECS never answers). */
  imdsTimeoutMs?: number;
  now?: () => number;
}

async function imdsGet(f: typeof fetch, url: string, token: string | null, timeoutMs: number): Promise<string | null> {
  try {
    const res = await f(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: token ? { 'X-aliyun-ecs-metadata-token': token } : {},
    });
    return res.ok ? await res.text() : null;
  } catch {
    return null;
  }
}

async function imdsToken(f: typeof fetch, base: string, timeoutMs: number): Promise<string | null> {
  try {
    const res = await f(`${base}/latest/api/token`, {
      method: 'PUT',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { 'X-aliyun-ecs-metadata-token-ttl-seconds': '21600' },
    });
    return res.ok ? await res.text() : null;
  } catch {
    return null;
  }
}

const RoleCredentialsSchema = z.looseObject({
  AccessKeyId: z.string(),
  AccessKeySecret: z.string(),
  SecurityToken: z.string(),
  Expiration: z.string(),
  Code: z.string().optional(),
});

/** Temporary credentials of an ECS instance RAM role, refreshed before they expire. */
export function ecsRoleProvider(roleName: string, deps: ChainDeps = {}): CredentialsProvider {
  const f = deps.fetch ?? fetch;
  const base = deps.imdsBase ?? IMDS_BASE;
  const now = deps.now ?? Date.now;
  let cached: { creds: CloudCredentials; expiresAt: number } | null = null;
  let pending: Promise<CloudCredentials> | null = null;
  const refresh = async (): Promise<CloudCredentials> => {
    const token = await imdsToken(f, base, deps.imdsTimeoutMs ?? IMDS_TIMEOUT_MS);
    const body = await imdsGet(f, `${base}/latest/meta-data/ram/security-credentials/${encodeURIComponent(roleName)}`, token, deps.imdsTimeoutMs ?? IMDS_TIMEOUT_MS);
    const parsed = body ? RoleCredentialsSchema.safeParse(JSON.parse(body)) : null;
    if (!parsed?.success || (parsed.data.Code && parsed.data.Code !== 'Success')) {
      throw new Error(`could not get the credentials of the ECS RAM role ${roleName} from the instance metadata service`);
    }
    const d = parsed.data;
    const creds = { accessKeyId: d.AccessKeyId, accessKeySecret: d.AccessKeySecret, securityToken: d.SecurityToken };
    cached = { creds, expiresAt: Date.parse(d.Expiration) };
    return creds;
  };
  return {
    async getCredentials() {
      if (cached && now() < cached.expiresAt - REFRESH_MARGIN_MS) return cached.creds;
      pending ??= refresh().finally(() => {
        pending = null;
      });
      return pending;
    },
  };
}

async function fromProfileFile(env: CredentialEnv, deps: ChainDeps): Promise<ResolvedCredentials | null> {
  const path = join(env.homeDir, '.aliyun', 'config.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    if (env.profile) throw new ConfigError([`ALIBABA_CLOUD_PROFILE=${env.profile} is set but ${path} cannot be read`]);
    return null;
  }
  let file: z.infer<typeof ProfileFileSchema>;
  try {
    file = ProfileFileSchema.parse(JSON.parse(text));
  } catch {
    throw new ConfigError([`${path} is not a valid aliyun CLI configuration file (JSON with "profiles"); fix it or remove it`]);
  }
  const name = env.profile ?? file.current ?? 'default';
  const profile = file.profiles.find((p) => p.name === name);
  if (!profile) {
    if (env.profile) throw new ConfigError([`ALIBABA_CLOUD_PROFILE=${env.profile}: no such profile in ${path}`]);
    return null;
  }
  const source = `aliyun CLI profile "${name}"`;
  const mode =
    profile.mode ??
    (profile.ram_role_name ? 'EcsRamRole' : profile.sts_token ? 'StsToken' : profile.access_key_id ? 'AK' : 'unknown');
  switch (mode) {
    case 'AK':
    case 'StsToken': {
      if (!profile.access_key_id || !profile.access_key_secret) {
        throw new ConfigError([`${source} in ${path} (mode ${mode}) lacks access_key_id or access_key_secret`]);
      }
      if (mode === 'StsToken' && !profile.sts_token) {
        throw new ConfigError([`${source} in ${path} (mode StsToken) lacks sts_token`]);
      }
      return {
        source,
        provider: staticCredentials({
          accessKeyId: profile.access_key_id,
          accessKeySecret: profile.access_key_secret,
          ...(mode === 'StsToken' && profile.sts_token ? { securityToken: profile.sts_token } : {}),
        }),
      };
    }
    case 'EcsRamRole': {
      if (!profile.ram_role_name) throw new ConfigError([`${source} in ${path} (mode EcsRamRole) lacks ram_role_name`]);
      return { source: `${source} (ECS RAM role ${profile.ram_role_name})`, provider: ecsRoleProvider(profile.ram_role_name, deps) };
    }
    default:
      throw new ConfigError([
        `${source} in ${path} uses mode ${mode}, which the console does not support: use a profile in mode AK, StsToken or EcsRamRole (ALIBABA_CLOUD_PROFILE=<name>), or set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET`,
      ]);
  }
}

async function fromEcsMetadata(env: CredentialEnv, deps: ChainDeps): Promise<ResolvedCredentials | null> {
  if (env.ecsMetadataDisabled) return null;
  const f = deps.fetch ?? fetch;
  const base = deps.imdsBase ?? IMDS_BASE;
  let role = env.ecsMetadataRole;
  if (!role) {
    const token = await imdsToken(f, base, deps.imdsTimeoutMs ?? IMDS_TIMEOUT_MS);
    const listed = await imdsGet(f, `${base}/latest/meta-data/ram/security-credentials/`, token, deps.imdsTimeoutMs ?? IMDS_TIMEOUT_MS);
    role = listed?.split('\n')[0]?.trim() || undefined;
    if (!role) return null;
  }
  const provider = ecsRoleProvider(role, deps);
  try {
    await provider.getCredentials();
  } catch {
    if (env.ecsMetadataRole) {
      throw new ConfigError([`ALIBABA_CLOUD_ECS_METADATA=${role}: the instance metadata service gave no credentials for that role`]);
    }
    return null;
  }
  return { source: `ECS RAM role ${role}`, provider };
}

/** The first source that has credentials, or null (→ the local cloud). */
export async function resolveCredentials(env: CredentialEnv, deps: ChainDeps = {}): Promise<ResolvedCredentials | null> {
  if (env.accessKeyId && env.accessKeySecret) {
    return {
      source: 'environment variables',
      provider: staticCredentials({
        accessKeyId: env.accessKeyId,
        accessKeySecret: env.accessKeySecret,
        ...(env.securityToken ? { securityToken: env.securityToken } : {}),
      }),
    };
  }
  if (!env.cliProfileDisabled) {
    const fromFile = await fromProfileFile(env, deps);
    if (fromFile) return fromFile;
  }
  return fromEcsMetadata(env, deps);
}
