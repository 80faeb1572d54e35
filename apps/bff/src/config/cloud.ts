import { resolveCredentials, staticCredentials, type ChainDeps, type CredentialsProvider } from './credentials';
import { ConfigError, type Env } from './env';

/**
 * Which cloud the console talks to. The ONLY place where the real cloud and the local cloud
 * differ: endpoints, credentials, and how a deployment's access entry is reached. Nothing else in
 * the BFF knows the mode.
 */

export type CloudMode = 'aliyun' | 'sandbox';
export type Product = 'vpc' | 'ecs' | 'cs' | 'rds' | 'r-kvstore' | 'milvus' | 'computenest' | 'ros' | 'sts' | 'ram' | 'mse';

/**
 * How the BFF (and the user) reach an access entry's address: the ports the load balancer or the
 * Ingress controller listens on and the DNS servers that resolve an entry's host name (empty: the
 * system's resolver). Real cloud: 80/443 and the system DNS; local cloud: its Dify edge port and its
 * DNS server.
 */
export interface EntryNetwork {
  httpPort: number;
  httpsPort: number;
  /** `ip` or `ip:port` each; empty → the system resolver. */
  dnsServers: string[];
}

/**
 * Where the BFF sends a request for a Nacos address (`host:port`): the origin to connect to and
 * the Host header. Real cloud: the address itself. Local cloud: MSE Nacos domains
 * (`*.mse.aliyuncs.com`) are served by the local cloud's endpoint under their own Host.
 */
export interface NacosNetwork {
  route(address: string): { origin: string; host: string };
}

const directNacos: NacosNetwork = { route: (address) => ({ origin: `http://${address}`, host: address }) };

export function sandboxNacos(endpoint: string): NacosNetwork {
  return {
    route: (address) =>
      /\.mse\.aliyuncs\.com(:\d+)?$/i.test(address) ? { origin: endpoint, host: address } : directNacos.route(address),
  };
}

export const REAL_ENTRY: EntryNetwork = { httpPort: 80, httpsPort: 443, dnsServers: [] };

export interface CloudSetup {
  mode: CloudMode;
  credentials: CredentialsProvider;
  /** "environment variables", "aliyun CLI profile …", "local cloud" … (never the values). */
  credentialsSource: string;
  /** Base URL (scheme + host) for a product in a region. */
  endpoint(product: Product, regionId: string): string;
  computeNestRegion: 'cn-hangzhou' | 'ap-southeast-1';
  timeoutMs: number;
  entry: EntryNetwork;
  nacos: NacosNetwork;
}

/** The keys of the local cloud's default account: public sandbox values, not secrets. */
export const SANDBOX_DEFAULT_KEYS = { accessKeyId: 'SandboxDefaultKeyId', accessKeySecret: 'SandboxDefaultKeySecret' };

const RDS_CENTRAL = new Set([
  'cn-qingdao', 'cn-beijing', 'cn-hangzhou', 'cn-shanghai', 'cn-shenzhen', 'cn-heyuan', 'cn-hongkong',
  'ap-southeast-1', 'us-west-1', 'us-east-1',
]);
const KVSTORE_CENTRAL = new Set(['cn-qingdao', 'cn-beijing', 'cn-wulanchabu', 'cn-hangzhou', 'cn-shanghai', 'cn-heyuan']);

/** Public endpoints of the real cloud. */
export function aliyunHost(product: Product, regionId: string, computeNestRegion: string): string {
  switch (product) {
    case 'vpc':
      return regionId === 'cn-hangzhou' ? 'vpc.aliyuncs.com' : `vpc.${regionId}.aliyuncs.com`;
    case 'ecs':
      return regionId === 'cn-hangzhou' ? 'ecs-cn-hangzhou.aliyuncs.com' : `ecs.${regionId}.aliyuncs.com`;
    case 'cs':
      return `cs.${regionId}.aliyuncs.com`;
    case 'rds':
      return RDS_CENTRAL.has(regionId) ? 'rds.aliyuncs.com' : `rds.${regionId}.aliyuncs.com`;
    case 'r-kvstore':
      return KVSTORE_CENTRAL.has(regionId) ? 'r-kvstore.aliyuncs.com' : `r-kvstore.${regionId}.aliyuncs.com`;
    case 'milvus':
      return `milvus.${regionId}.aliyuncs.com`;
    case 'computenest':
      return `computenest.${computeNestRegion}.aliyuncs.com`;
    case 'ros':
      return `ros.${regionId}.aliyuncs.com`;
    case 'sts':
      return 'sts.aliyuncs.com';
    case 'ram':
      return 'ram.aliyuncs.com';
    case 'mse':
      return `mse.${regionId}.aliyuncs.com`;
  }
}

export function aliyunCloud(env: Env, credentials: CredentialsProvider, source: string): CloudSetup {
  return {
    mode: 'aliyun',
    credentials,
    credentialsSource: source,
    endpoint: (product, regionId) => `https://${aliyunHost(product, regionId, env.computeNestRegion)}`,
    computeNestRegion: env.computeNestRegion,
    timeoutMs: env.cloudTimeoutMs,
    entry: REAL_ENTRY,
    nacos: directNacos,
  };
}

/** The local cloud's entry network: its edge port(s) and DNS server; what is not known falls back to the real defaults. */
export function sandboxEntry(given: { edgePort?: number | null; edgeTlsPort?: number | null; dns?: string | null } = {}): EntryNetwork {
  return {
    httpPort: given.edgePort ?? REAL_ENTRY.httpPort,
    httpsPort: given.edgeTlsPort ?? given.edgePort ?? REAL_ENTRY.httpsPort,
    dnsServers: given.dns ? [given.dns] : [],
  };
}

/** Every product on one endpoint: the local cloud. */
export function sandboxCloud(
  env: Env,
  endpoint: string,
  keys: { accessKeyId: string; accessKeySecret: string; securityToken?: string } = SANDBOX_DEFAULT_KEYS,
  source = 'local cloud',
  entry: EntryNetwork = sandboxEntry({ edgePort: env.cloudSimEdgePort, dns: env.cloudSimDns }),
): CloudSetup {
  const base = endpoint.replace(/\/+$/, '');
  return {
    mode: 'sandbox',
    credentials: staticCredentials({
      accessKeyId: keys.accessKeyId,
      accessKeySecret: keys.accessKeySecret,
      ...(keys.securityToken ? { securityToken: keys.securityToken } : {}),
    }),
    credentialsSource: source,
    endpoint: () => base,
    computeNestRegion: env.computeNestRegion,
    timeoutMs: env.cloudTimeoutMs,
    entry,
    nacos: sandboxNacos(base),
  };
}

export interface EmbeddedCloud {
  endpoint: string;
  keys: { accessKeyId: string; accessKeySecret: string };
  /** Where the embedded local cloud serves entries (its Dify edge) and resolves their names. */
  entry: EntryNetwork;
  close(): Promise<void>;
}

/**
 * CLOUD_SIM_ENDPOINT set → that local cloud. Otherwise credentials found → the real cloud; none →
 * a local cloud started in-process by `startEmbedded` (given by server.ts).
 */
export async function decideCloud(
  env: Env,
  startEmbedded: () => Promise<EmbeddedCloud>,
  chainDeps: ChainDeps = {},
): Promise<{ cloud: CloudSetup; embedded: EmbeddedCloud | null }> {
  if (env.cloudSimEndpoint) {
    // A separately started local cloud: its keys come from the environment when given (another
    // sandbox account), never from the CLI profile or the ECS role, which hold real credentials.
    // Temporary keys of the local cloud (STS AssumeRole) come with ALIBABA_CLOUD_SECURITY_TOKEN.
    const { accessKeyId, accessKeySecret, securityToken } = env.credentials;
    const keys =
      accessKeyId && accessKeySecret ? { accessKeyId, accessKeySecret, ...(securityToken ? { securityToken } : {}) } : SANDBOX_DEFAULT_KEYS;
    return { cloud: sandboxCloud(env, env.cloudSimEndpoint, keys, `local cloud at ${env.cloudSimEndpoint}`), embedded: null };
  }
  const found = await resolveCredentials(env.credentials, chainDeps);
  if (found) return { cloud: aliyunCloud(env, found.provider, found.source), embedded: null };
  if (env.cloudMode === 'aliyun') {
    throw new ConfigError([
      'CLOUD_MODE=aliyun, but no Alibaba Cloud credentials were found: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, an aliyun CLI profile, an ECS RAM role, or (in ACK) the RRSA role of the console\'s ServiceAccount',
    ]);
  }
  const embedded = await startEmbedded();
  return { cloud: sandboxCloud(env, embedded.endpoint, embedded.keys, 'local cloud', embedded.entry), embedded };
}
