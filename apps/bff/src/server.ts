import { buildApp } from './app';
import { decideCloud, sandboxEntry, type EmbeddedCloud } from './config/cloud';
import { ConfigError, loadEnv, type Env } from './config/env';

/** Loads the config, starts the local cloud when needed, builds the app and listens. */

const say = (line: string) => process.stdout.write(`${line}\n`);

async function startEmbeddedCloud(env: Env): Promise<EmbeddedCloud> {
  // Loaded only in sandbox mode: the real cloud never needs the emulator's code.
  const { startCloudSim } = await import('@dify-console/cloud-sim');
  const sim = await startCloudSim({
    port: 0,
    ...(env.simSpeed ? { speed: env.simSpeed } : {}),
    ...(env.simStateFile ? { stateFile: env.simStateFile } : {}),
  });
  return {
    endpoint: sim.endpoint,
    keys: { accessKeyId: sim.defaultAccount.accessKeyId, accessKeySecret: sim.defaultAccount.accessKeySecret },
    // Entries of the local cloud answer on its edge ports; their host names resolve through its DNS server.
    entry: sandboxEntry({ edgePort: sim.edgePort, edgeTlsPort: sim.edgeTlsPort, dns: sim.dnsServer }),
    close: async () => {
      await sim.close();
    },
  };
}

async function main(): Promise<void> {
  let env: Env;
  try {
    env = loadEnv();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }

  let decided: Awaited<ReturnType<typeof decideCloud>>;
  try {
    decided = await decideCloud(env, () => startEmbeddedCloud(env));
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const { cloud, embedded } = decided;

  const app = await buildApp({ env, cloud });
  await app.listen({ host: env.host, port: env.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : env.port;
  const shownHost = env.host.includes(':') ? `[${env.host}]` : env.host;
  const where = cloud.mode === 'sandbox' ? '(local cloud)' : `(Alibaba Cloud, credentials from ${cloud.credentialsSource})`;
  say(`Dify console: http://${shownHost}:${port} ${where}`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    // Requests in flight finish; keep-alive connections are closed as soon as they fall idle
    // (a load balancer's pooled connection would otherwise hold the process until the deadline).
    const idle = setInterval(() => app.server.closeIdleConnections(), 100);
    idle.unref();
    void (async () => {
      await app.close();
      clearInterval(idle);
      await embedded?.close();
      process.exit(0);
    })();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`The console failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
