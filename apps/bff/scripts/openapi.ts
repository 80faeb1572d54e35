// Prints the OpenAPI document generated from the shared zod schemas: pnpm --filter @dify-console/bff openapi
import { buildApp } from '../src/app';
import { sandboxCloud } from '../src/config/cloud';
import { loadEnv } from '../src/config/env';

const env = { ...loadEnv({ LOG_LEVEL: 'silent' }) };
// No cloud call is made: the document only needs the routes.
const app = await buildApp({ env, cloud: sandboxCloud(env, 'http://127.0.0.1:9') });
await app.ready();
process.stdout.write(`${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
