import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CLIProfileCredentialsProvider,
  ECSRAMRoleCredentialsProvider,
  OIDCRoleArnCredentialsProvider,
  StaticAKCredentialsProvider,
  StaticSTSCredentialsProvider,
  URICredentialsProvider,
  type CredentialsProvider as OfficialProvider,
} from '@alicloud/credentials';
import { z } from 'zod';
import { ConfigError, type CredentialEnv } from './env';

/**
 * The Alibaba Cloud credential chain of the official SDKs (`@alicloud/credentials`), in their order:
 * environment variables → OIDC role (RRSA in ACK) → aliyun CLI profile (~/.aliyun/config.json) →
 * ECS RAM role (instance metadata) → credentials URI. Each source is one of the official providers
 * (refreshing temporary credentials before they expire); this file only decides which source is
 * present, checks it once at start-up and says what is wrong in plain words.
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

export interface ChainDeps {
  /** How long to wait for the metadata service (a machine that is not on ECS never answers). */
  imdsTimeoutMs?: number;
  /** STS endpoint (host[:port]) for AssumeRoleWithOIDC; default the official one. */
  stsEndpoint?: string;
}

const IMDS_TIMEOUT_MS = 300;

/** An official provider as the gateways use it: the values only (no provider name). */
function adapt(p: OfficialProvider): CredentialsProvider {
  return {
    async getCredentials() {
      const c = await p.getCredentials();
      return {
        accessKeyId: c.accessKeyId,
        accessKeySecret: c.accessKeySecret,
        ...(c.securityToken ? { securityToken: c.securityToken } : {}),
      };
    },
  };
}

/** Asks the source once: a source that is present but gives nothing is a start-up error. */
async function checked(provider: OfficialProvider, source: string, what: string): Promise<ResolvedCredentials> {
  try {
    await provider.getCredentials();
  } catch (e) {
    throw new ConfigError([`${what}: ${(e as Error).message}`]);
  }
  return { source, provider: adapt(provider) };
}

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

function fromEnvironment(env: CredentialEnv): ResolvedCredentials | null {
  if (!env.accessKeyId || !env.accessKeySecret) return null;
  const provider = env.securityToken
    ? StaticSTSCredentialsProvider.builder()
        .withAccessKeyId(env.accessKeyId)
        .withAccessKeySecret(env.accessKeySecret)
        .withSecurityToken(env.securityToken)
        .build()
    : StaticAKCredentialsProvider.builder().withAccessKeyId(env.accessKeyId).withAccessKeySecret(env.accessKeySecret).build();
  return { source: 'environment variables', provider: adapt(provider) };
}

async function fromOidcRole(env: CredentialEnv, deps: ChainDeps): Promise<ResolvedCredentials | null> {
  const vars = {
    ALIBABA_CLOUD_ROLE_ARN: env.roleArn,
    ALIBABA_CLOUD_OIDC_PROVIDER_ARN: env.oidcProviderArn,
    ALIBABA_CLOUD_OIDC_TOKEN_FILE: env.oidcTokenFile,
  };
  const missing = Object.entries(vars).filter(([, v]) => !v);
  if (missing.length === 3) return null;
  if (missing.length > 0) {
    throw new ConfigError([
      `an OIDC role (RRSA) needs ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE together; missing ${missing.map(([k]) => k).join(', ')} (the ack-pod-identity-webhook injects all three)`,
    ]);
  }
  const builder = OIDCRoleArnCredentialsProvider.builder()
    .withRoleArn(env.roleArn ?? '')
    .withOIDCProviderArn(env.oidcProviderArn ?? '')
    .withOIDCTokenFilePath(env.oidcTokenFile ?? '')
    .withRoleSessionName(env.roleSessionName ?? 'dify-console');
  if (deps.stsEndpoint) builder.withStsEndpoint(deps.stsEndpoint);
  return checked(builder.build(), `OIDC role ${env.roleArn}`, `ALIBABA_CLOUD_ROLE_ARN=${env.roleArn}: AssumeRoleWithOIDC failed`);
}

const ProfileFileSchema = z.looseObject({
  current: z.string().optional(),
  profiles: z.array(z.looseObject({ name: z.string(), mode: z.string().optional() })).default([]),
});

async function fromProfileFile(env: CredentialEnv): Promise<ResolvedCredentials | null> {
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
  const provider = CLIProfileCredentialsProvider.builder().withProfileName(name).build();
  // The provider reads ~/.aliyun/config.json under os.homedir(); the console's HOME (the same
  // directory outside tests) is the one the check above read.
  Object.assign(provider, { homedir: env.homeDir });
  const source = `aliyun CLI profile "${name}"`;
  try {
    await provider.getCredentials();
  } catch (e) {
    throw new ConfigError([
      `${source} in ${path} (mode ${profile.mode ?? 'unset'}) gives no credentials: ${reason(e)}. Fix the profile (aliyun configure --profile ${name}), choose another (ALIBABA_CLOUD_PROFILE=<name>), or set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET`,
    ]);
  }
  return { source, provider: adapt(provider) };
}

async function fromEcsMetadata(env: CredentialEnv, deps: ChainDeps): Promise<ResolvedCredentials | null> {
  if (env.ecsMetadataDisabled) return null;
  const timeout = deps.imdsTimeoutMs ?? IMDS_TIMEOUT_MS;
  const builder = ECSRAMRoleCredentialsProvider.builder().withConnectTimeout(timeout).withReadTimeout(timeout);
  if (env.ecsMetadataRole) builder.withRoleName(env.ecsMetadataRole);
  const provider = builder.build();
  try {
    await provider.getCredentials();
  } catch (e) {
    provider.close();
    if (env.ecsMetadataRole) {
      throw new ConfigError([`ALIBABA_CLOUD_ECS_METADATA=${env.ecsMetadataRole}: the instance metadata service gave no credentials for that role (${reason(e)})`]);
    }
    // Not on ECS, or no role attached: the next source.
    return null;
  }
  return { source: env.ecsMetadataRole ? `ECS RAM role ${env.ecsMetadataRole}` : 'ECS RAM role', provider: adapt(provider) };
}

async function fromCredentialsUri(env: CredentialEnv): Promise<ResolvedCredentials | null> {
  if (!env.credentialsUri) return null;
  const provider = URICredentialsProvider.builder().withCredentialsURI(env.credentialsUri).build();
  return checked(provider, 'credentials URI', `ALIBABA_CLOUD_CREDENTIALS_URI=${env.credentialsUri} gave no credentials`);
}

/** The first source that has credentials, or null (→ the local cloud). */
export async function resolveCredentials(env: CredentialEnv, deps: ChainDeps = {}): Promise<ResolvedCredentials | null> {
  return (
    fromEnvironment(env) ??
    (await fromOidcRole(env, deps)) ??
    (env.cliProfileDisabled ? null : await fromProfileFile(env)) ??
    (await fromEcsMetadata(env, deps)) ??
    (await fromCredentialsUri(env))
  );
}
