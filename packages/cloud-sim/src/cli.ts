import { startCloudSim } from './index';

// `pnpm sim --port <n> [--speed <x>] [--host <h>] [--state-file <path>] [--edge-port <n>]
// [--edge-tls-port <n>] [--dns-port <n>] [--nacos-port <n>] [--kube-api-port <n>]` (or SIM_STATE_FILE,
// SIM_SPEED): starts the local cloud and prints the lines to paste into an environment, then runs
// until SIGINT/SIGTERM. The only module of the local cloud that reads the environment.

function arg(name: string): string | undefined {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === `--${name}`) return argv[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

function numberArg(name: string): number | undefined {
  const raw = arg(name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} must be a non-negative number, got ${raw}`);
    process.exit(2);
  }
  return n;
}

function speedFromEnv(): number | undefined {
  const raw = process.env.SIM_SPEED;
  const n = raw === undefined || raw === '' ? NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

const port = numberArg('port');
const speed = numberArg('speed') ?? speedFromEnv();
const host = arg('host');
const stateFile = arg('state-file') ?? process.env.SIM_STATE_FILE;
const edgePort = numberArg('edge-port');
const edgeTlsPort = numberArg('edge-tls-port');
const dnsPort = numberArg('dns-port');
const nacosPort = numberArg('nacos-port');
const kubeApiPort = numberArg('kube-api-port');
const sim = await startCloudSim({
  ...(port !== undefined ? { port } : {}),
  ...(stateFile !== undefined && stateFile !== '' ? { stateFile } : {}),
  ...(speed !== undefined && speed > 0 ? { speed } : {}),
  ...(host !== undefined ? { host } : {}),
  ...(edgePort !== undefined ? { edgePort } : {}),
  ...(edgeTlsPort !== undefined ? { edgeTlsPort } : {}),
  ...(dnsPort !== undefined ? { dnsPort } : {}),
  ...(nacosPort !== undefined ? { nacosPort } : {}),
  ...(kubeApiPort !== undefined ? { kubeApiPort } : {}),
});
console.log(`CLOUD_SIM_ENDPOINT=${sim.endpoint}`);
console.log(`ALIBABA_CLOUD_ACCESS_KEY_ID=${sim.defaultAccount.accessKeyId}`);
console.log(`ALIBABA_CLOUD_ACCESS_KEY_SECRET=${sim.defaultAccount.accessKeySecret}`);
console.log(`CLOUD_SIM_EDGE_PORT=${sim.edgePort}`);
console.log(`CLOUD_SIM_EDGE_TLS_PORT=${sim.edgeTlsPort}`);
console.log(`CLOUD_SIM_DNS=${sim.dnsServer}`);
// The self-hosted Nacos 3.x stand-in (user nacos, password in the README's sandbox table).
console.log(`NACOS_ADDR=${sim.nacosAddress}`);

const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
