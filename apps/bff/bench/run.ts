// pnpm bench — prints figures, not a test.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { SANDBOX_ACCOUNTS, startCloudSim } from '@dify-console/cloud-sim';
import { buildApp } from '../src/app';
import { createGateways } from '../src/cloud/gateways';
import { sandboxCloud } from '../src/config/cloud';
import { loadEnv } from '../src/config/env';
import { ResourceService } from '../src/services/resources/resource.service';
import { CLUSTERS, order, orderBody } from '../src/testing/deployments';
import { openEvents } from '../src/testing/sse';
import { startCloudProcess } from './cloud-process';
import { check, describeRatio, median, type Ratio } from './figures';
import { buildAll, bytesByModule } from './first-screen';
import { timeToInteractive } from './interactive';

const LATENCY_MS = 100;
/** Listing measures per repeated run (each a single call and a full listing, in turn). */
const PAIRS = 7;
const env = loadEnv({ LOG_LEVEL: 'silent', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', CLOUD_TIMEOUT_MS: '30000' });

/** The local cloud in its own process on BENCH_PORT..BENCH_PORT+3 when set, else on free ports. */
const BENCH_PORT = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : null;
const checking = process.argv.includes('--check');
const ratios: Ratio[] = [];

/**
 * (1) The full listing of 1,000 RDS instances against one page call, 100 ms injected per upstream
 * call; three repeated runs, each the ratio of the medians of seven of each, taken in turn.
 */
async function listingTime() {
  const cloudProcess = await startCloudProcess(BENCH_PORT);
  try {
    const account = SANDBOX_ACCOUNTS.large;
    const g = createGateways(sandboxCloud(env, cloudProcess.endpoint, account));
    const service = new ResourceService({
      identity: g.sts, regions: g.ecs, vpcs: g.vpc, clusters: g.cs, rds: g.rds, redis: g.kvstore, milvus: g.milvus,
    });
    // Warm up without latency (account lookup, connections, JIT), so only the listing is measured.
    await service.listPostgres('cn-hangzhou', { locale: 'en' });
    await service.listPostgres('cn-hangzhou', { locale: 'en', refresh: true });
    await cloudProcess.setLatency(LATENCY_MS, account.accessKeyId);
    const runs: number[] = [];
    let count = 0;
    const singles: number[] = [];
    const fulls: number[] = [];
    const before = (await cloudProcess.requests({ accessKeyId: account.accessKeyId, action: 'DescribeDBInstances' })).length;
    for (let run = 0; run < 3; run += 1) {
      const from = singles.length;
      for (let i = 0; i < PAIRS; i += 1) {
        let t = performance.now();
        await g.rds.describeDBInstances('cn-hangzhou', 1, 100);
        singles.push(performance.now() - t);
        t = performance.now();
        count = (await service.listPostgres('cn-hangzhou', { locale: 'en', refresh: true })).items.length;
        fulls.push(performance.now() - t);
      }
      runs.push(median(fulls.slice(from)) / median(singles.slice(from)));
    }
    const pages = ((await cloudProcess.requests({ accessKeyId: account.accessKeyId, action: 'DescribeDBInstances' })).length - before) / (3 * PAIRS) - 1;
    await cloudProcess.setLatency(0, account.accessKeyId);
    const ratio: Ratio = { name: '1,000 RDS instances / one call', runs, goal: 2.2 };
    ratios.push(ratio);
    console.log(`(1) ${count} RDS instances of the large account, ${LATENCY_MS} ms injected per upstream call (the local cloud in its own process; load average ${loadavg()[0]?.toFixed(1)}):`);
    console.log(`    one page call ${median(singles).toFixed(0)} ms; full listing ${median(fulls).toFixed(0)} ms (medians) for ${pages} pages (the first, then all the others at once)`);
    console.log(`    → ${describeRatio(ratio)} (sequential paging would be ~${pages}×)`);
  } finally {
    await cloudProcess.close();
  }
}

async function concurrentRequests() {
  const sim = await startCloudSim({ port: 0 });
  try {
    const account = await sim.createAccount('default');
    const app = await buildApp({ env, cloud: sandboxCloud(env, sim.endpoint, account) });
    await app.ready();
    sim.setLatency(50, { accessKeyId: account.accessKeyId });
    const before = sim.requests({ accessKeyId: account.accessKeyId }).length;
    const t = performance.now();
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => app.inject({ url: '/api/v1/regions/cn-hangzhou/postgres' })),
    );
    const elapsed = performance.now() - t;
    const calls = sim.requests({ accessKeyId: account.accessKeyId }).slice(before);
    const byAction = calls.reduce<Record<string, number>>((m, c) => ({ ...m, [c.action]: (m[c.action] ?? 0) + 1 }), {});
    console.log(`(2) 50 identical concurrent requests (${replies.filter((r) => r.statusCode === 200).length} × 200) in ${elapsed.toFixed(0)} ms → ${calls.length} upstream calls ${JSON.stringify(byAction)}`);
    await app.close();
  } finally {
    await sim.close();
  }
}

/** The pre-flight run against the local cloud: every check at once (first run cold, then warm, median of 5). */
async function preflightTime() {
  const sim = await startCloudSim({ port: 0 });
  try {
    const account = await sim.createAccount('default');
    const app = await buildApp({ env, cloud: sandboxCloud(env, sim.endpoint, account) });
    await app.ready();
    const payload = {
      regionId: 'cn-hangzhou',
      templateName: '高可用版-已有资源',
      parameters: {
        vpcId: 'vpc-bp1dfyprod7q2w5e8r1t4y',
        clusterId: 'c900cca321576a513b7afa8ad1175dc21',
        postgresInstanceId: 'pgm-bp1dfypg16i6j7k8l',
        postgresAccount: 'postgres',
        postgresPassword: 'Dify#Postgres2026',
        redisInstanceId: 'r-bp1dfyredis70c5d6e7',
        redisPassword: 'Dify_Redis2026',
        milvusInstanceId: 'c-5f2a9d7e31b84c06',
        milvusEndpoint: 'c-5f2a9d7e31b84c06-internal.milvus.aliyuncs.com',
        milvusUser: 'root',
        milvusPassword: 'Dify#Milvus2026',
        highAvailability: true,
      },
    };
    const once = async () => {
      const before = sim.requests({ accessKeyId: account.accessKeyId }).length;
      const t = performance.now();
      const res = await app.inject({ method: 'POST', url: '/api/v1/preflight', payload });
      const elapsed = performance.now() - t;
      const body = res.json<{ checks: unknown[]; durationMs: number }>();
      return { elapsed, checks: body.checks.length, calls: sim.requests({ accessKeyId: account.accessKeyId }).length - before };
    };
    const cold = await once();
    const warm: number[] = [];
    for (let i = 0; i < 5; i += 1) warm.push((await once()).elapsed);
    warm.sort((a, b) => a - b);
    console.log(
      `(4) pre-flight, ${cold.checks} checks against the local cloud: first run ${cold.elapsed.toFixed(0)} ms (${cold.calls} cloud + Kubernetes calls), then median ${(warm[2] ?? 0).toFixed(0)} ms`,
    );
    await app.close();
  } finally {
    await sim.close();
  }
}

/**
 * (3) The first screen against a bare antd form page and a blank React page built here with the
 * same Vite, React and antd: its JavaScript (gzip), the time until its first form field takes
 * input in headless Chromium (each page served by a BFF on loopback that answers the listings),
 * and its largest modules.
 */
async function firstScreen() {
  const built = buildAll();
  try {
    const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    const ratio: Ratio = { name: 'first-screen JavaScript / bare antd form page', runs: [built.console.total / built.antd.total], goal: 1.1 };
    ratios.push(ratio);
    console.log(`(3) first-screen JavaScript (gzip): console ${kib(built.console.total)} in ${built.console.files.length} files; bare antd form page ${kib(built.antd.total)}; blank React page ${kib(built.blank.total)}`);
    console.log(`    → ${describeRatio(ratio)}; ${(built.console.total / built.blank.total).toFixed(2)}× the blank React page (no goal)`);
    console.log(`    stylesheets (gzip, no goal): console ${kib(built.console.css)} (antd's static styles, instead of CSS generated at run time), bare antd form page ${kib(built.antd.css)}`);

    const loads = 5;
    const tti = await timeToInteractive(
      { console: built.console.dir, antd: built.antd.dir, blank: built.blank.dir },
      { rounds: 3, loads, portBase: BENCH_PORT === null ? null : BENCH_PORT + 4, whole: ['console', 'antd'] },
    );
    const medians = (name: string) => (tti.times[name] ?? []).map(median);
    const [con, antd, blank] = [medians('console'), medians('antd'), medians('blank')];
    const interactive: Ratio = { name: 'first form field interactive / bare antd form page', runs: con.map((c, i) => c / (antd[i] ?? NaN)), goal: 1.2 };
    ratios.push(interactive);
    const ms = (xs: number[]) => `${median(xs).toFixed(0)} ms`;
    console.log(`    first form field interactive (headless Chromium via ${tti.browser}, median of ${loads} fresh loads, 3 rounds): console ${ms(con)}, bare antd form page ${ms(antd)}, blank React page ${ms(blank)}`);
    console.log(`    → ${describeRatio(interactive)}; ${(median(con) / median(blank)).toFixed(2)}× the blank React page (no goal)`);
    // The console draws its first panel first and the rest in a background render: the whole form too.
    const wholeOf = (name: string) => (tti.whole[name] ?? []).map(median);
    const [conWhole, antdWhole] = [wholeOf('console'), wholeOf('antd')];
    console.log(`    whole form shown (its primary button; no goal): console ${ms(conWhole)}, bare antd form page ${ms(antdWhole)} → ${(median(conWhole) / median(antdWhole)).toFixed(2)}×`);

    const modules = new Map<string, number>();
    for (const f of built.console.files) {
      for (const [m, n] of bytesByModule(join(built.console.dir, f.src.replace(/^\.?\//, '')))) modules.set(m, (modules.get(m) ?? 0) + n);
    }
    const top = [...modules].sort((x, y) => y[1] - x[1]).slice(0, 12);
    console.log(`    largest modules of the first screen (minified, before gzip): ${top.map(([m, n]) => `${m} ${kib(n)}`).join(', ')}`);
  } finally {
    built.cleanup();
  }
}

/** (5) Many browsers watching one deployment: upstream reads with one poller versus one per watcher. */
async function watcherFanOut() {
  const WATCHERS = 20;
  const SPEED = 200;
  const sim = await startCloudSim({ port: 0, speed: SPEED });
  try {
    const account = await sim.createAccount('default');
    const app = await buildApp({ env, cloud: sandboxCloud(env, sim.endpoint, account) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const res = await order(app, orderBody('dify-bench', 'token-bench-fanout', { clusterId: CLUSTERS.pro }));
    const { instanceId } = res.json<{ instanceId: string }>();
    const t = performance.now();
    const streams = await Promise.all(Array.from({ length: WATCHERS }, () => openEvents(base, instanceId)));
    await Promise.all(streams.map((s) => s.done));
    const seconds = (performance.now() - t) / 1000;
    const reads = sim.requests({ accessKeyId: account.accessKeyId, action: 'GetServiceInstance' }).length;
    const finals = streams.filter((s) => s.events.some((e) => e.type === 'status' && e.deployment.status === 'Deployed')).length;
    console.log(`(5) ${WATCHERS} browsers watched one deployment to Deployed (${seconds.toFixed(1)} s at speed ${SPEED}; ${finals}/${WATCHERS} saw the final status)`);
    console.log(`    → ${reads} GetServiceInstance calls upstream in all (one poller; a poller per browser would make ~${reads * WATCHERS})`);
    await app.close();
  } finally {
    await sim.close();
  }
}

/** `pnpm bench` runs every part; `pnpm bench listing first-screen` only those named. */
const parts = { listing: listingTime, concurrent: concurrentRequests, 'first-screen': firstScreen, preflight: preflightTime, watchers: watcherFanOut };
/** The ratios with a goal that each part measures (`--check` fails when one is missing). */
const GOALS: Partial<Record<string, string[]>> = {
  listing: ['1,000 RDS instances / one call'],
  'first-screen': ['first-screen JavaScript / bare antd form page', 'first form field interactive / bare antd form page'],
};
const chosen = process.argv.slice(2).filter((a) => !a.startsWith('--'));
for (const name of chosen) if (!Object.hasOwn(parts, name)) throw new Error(`pnpm bench: no part ${name}; the parts are ${Object.keys(parts).join(', ')}`);
const chosenParts = Object.keys(parts).filter((name) => chosen.length === 0 || chosen.includes(name));
for (const name of chosenParts) await parts[name as keyof typeof parts]();

if (checking) {
  const { passed, problems } = check(ratios, chosenParts.flatMap((name) => GOALS[name] ?? []));
  for (const p of problems) console.error(`bench --check: ${p}`);
  if (!passed) process.exit(1);
  console.log(`bench --check: every ratio meets its goal or is within the noise of its repeated runs (${ratios.length} checked)`);
}
