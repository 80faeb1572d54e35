import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The architecture's boundaries are enforced by the workspace's real ESLint config: each forbidden
 * import below is an error, and the same import where it is allowed is not.
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));
const BOUNDARY_RULES = new Set([
  'no-restricted-imports',
  'no-restricted-syntax',
  'boundaries/no-cross-feature',
  'boundaries/sim-independent',
]);
const eslint = new ESLint({
  cwd: root,
  // Only the boundary rules, without type information (fast, and the fixtures are not in a project).
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => BOUNDARY_RULES.has(ruleId),
});

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('lint boundaries', () => {
  it.each([
    [
      'a service importing pop-core',
      'apps/bff/src/services/access/x.ts',
      "import PopCore from '@alicloud/pop-core';\nvoid PopCore;\n",
      'no-restricted-imports',
    ],
    [
      'a route importing the Kubernetes client',
      'apps/bff/src/routes/x.ts',
      "import { KubeConfig } from '@kubernetes/client-node';\nvoid KubeConfig;\n",
      'no-restricted-imports',
    ],
    [
      'a service importing a gateway',
      'apps/bff/src/services/preflight/x.ts',
      "import { CsGateway } from '../../cloud/cs.gateway';\nvoid CsGateway;\n",
      'no-restricted-imports',
    ],
    [
      'a gateway importing a service',
      'apps/bff/src/cloud/x.ts',
      "import { SingleFlight } from '../services/account';\nvoid SingleFlight;\n",
      'no-restricted-imports',
    ],
    [
      'the local cloud importing the console',
      'packages/cloud-sim/src/products/x.ts',
      "import { TEMPLATES } from '@dify-console/shared/template/templates';\nvoid TEMPLATES;\n",
      'no-restricted-imports',
    ],
    [
      'a library module reading the environment',
      'packages/cloud-sim/src/x.ts',
      'export const speed = process.env.SIM_SPEED;\n',
      'no-restricted-syntax',
    ],
    [
      'a BFF service reading the environment',
      'apps/bff/src/services/x.ts',
      'export const region = process.env.REGION;\n',
      'no-restricted-syntax',
    ],
    [
      'a service importing the Nacos gateway',
      'apps/bff/src/services/mcp/x.ts',
      "import { NacosGateway } from '../../nacos/nacos.gateway';\nvoid NacosGateway;\n",
      'no-restricted-imports',
    ],
    [
      'the Nacos gateway importing a service',
      'apps/bff/src/nacos/x.ts',
      "import { McpRegistryService } from '../services/mcp/mcp.service';\nvoid McpRegistryService;\n",
      'no-restricted-imports',
    ],
    [
      'the edge client importing pop-core',
      'apps/bff/src/edge/x.ts',
      "import PopCore from '@alicloud/pop-core';\nvoid PopCore;\n",
      'no-restricted-imports',
    ],
    [
      'the web importing the Kubernetes client',
      'apps/web/src/lib/x.ts',
      "import { KubeConfig } from '@kubernetes/client-node';\nvoid KubeConfig;\n",
      'no-restricted-imports',
    ],
    [
      'the local cloud importing the console by a relative path',
      'packages/cloud-sim/src/products/x.ts',
      "import { TEMPLATES } from '../../../shared/src/template/templates';\nvoid TEMPLATES;\n",
      'boundaries/sim-independent',
    ],
    [
      'the local cloud importing the BFF by a relative path from a test',
      'packages/cloud-sim/src/products/x.test.ts',
      "import { buildApp } from '../../../../apps/bff/src/app';\nvoid buildApp;\n",
      'boundaries/sim-independent',
    ],
    [
      'the local cloud importing the console lazily',
      'packages/cloud-sim/src/x.ts',
      "export const load = () => import('@dify-console/shared/template/templates');\n",
      'boundaries/sim-independent',
    ],
    [
      'the local cloud requiring the console',
      'packages/cloud-sim/src/x.ts',
      "declare const require: (id: string) => unknown;\nexport const t = require('@dify-console/shared');\n",
      'boundaries/sim-independent',
    ],
    [
      'a library module reading the environment by a computed key',
      'packages/cloud-sim/src/x.ts',
      "export const speed = process['env'].SIM_SPEED;\n",
      'no-restricted-syntax',
    ],
    [
      'a library module destructuring the environment',
      'packages/cloud-sim/src/x.ts',
      'const { env } = process;\nexport const speed = env.SIM_SPEED;\n',
      'no-restricted-syntax',
    ],
    [
      'a BFF route importing the environment from node:process',
      'apps/bff/src/routes/x.ts',
      "import { env } from 'node:process';\nexport const port = env.PORT;\n",
      'no-restricted-syntax',
    ],
    [
      'a web module reading the environment through globalThis',
      'apps/web/src/lib/x.ts',
      'export const mode = globalThis.process.env.NODE_ENV;\n',
      'no-restricted-syntax',
    ],
    [
      'a web feature importing another feature',
      'apps/web/src/features/deploy/x.ts',
      "import { a } from '../preflight/api/run-preflight';\nvoid a;\n",
      'boundaries/no-cross-feature',
    ],
    [
      'a nested web feature file importing another feature',
      'apps/web/src/features/deploy/components/x.tsx',
      "export * from '../../../features/access/y';\n",
      'boundaries/no-cross-feature',
    ],
  ])('%s fails lint', async (_name, filePath, code, rule) => {
    const errors = await boundaryErrors(filePath, code);
    expect(errors.some((e) => e.startsWith(`${rule}:`))).toBe(true);
  });

  it.each([
    [
      'a cloud gateway importing pop-core',
      'apps/bff/src/cloud/x.ts',
      "import PopCore from '@alicloud/pop-core';\nvoid PopCore;\n",
    ],
    [
      'the cluster gateway importing the Kubernetes client',
      'apps/bff/src/cluster/x.ts',
      "import { KubeConfig } from '@kubernetes/client-node';\nvoid KubeConfig;\n",
    ],
    [
      'a service importing its ports and the neutral errors',
      'apps/bff/src/services/x.ts',
      "import type { PreflightPorts } from '../ports/preflight';\nimport { isCloudError } from '../errors/cloud-error';\nexport type P = PreflightPorts;\nvoid isCloudError;\n",
    ],
    [
      'a BFF test outside services driving the cloud with pop-core',
      'apps/bff/src/config/x.test.ts',
      "import PopCore from '@alicloud/pop-core';\nvoid PopCore;\n",
    ],
    [
      'the BFF config reading the environment',
      'apps/bff/src/config/x.ts',
      'export const port = process.env.PORT;\n',
    ],
    [
      "the local cloud's cli reading the environment",
      'packages/cloud-sim/src/cli.ts',
      'export const speed = process.env.SIM_SPEED;\n',
    ],
    [
      "the local cloud importing its own modules and the SDK's packages",
      'packages/cloud-sim/src/products/x.ts',
      "import { a } from '../state/persist';\nimport { z } from 'zod';\nvoid a;\nvoid z;\n",
    ],
    [
      'the Nacos gateway importing the neutral errors',
      'apps/bff/src/nacos/x.ts',
      "import { NacosError } from '../errors/nacos-error';\nvoid NacosError;\n",
    ],
    [
      'a web feature importing its own modules and lib',
      'apps/web/src/features/deploy/components/x.tsx',
      "import { a } from '../slots';\nimport { b } from '../../../lib/api-client';\nvoid a;\nvoid b;\n",
    ],
  ])('%s passes', async (_name, filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });
});

/** Every source file of the workspace (no dependencies, no build output). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (['node_modules', 'dist', '.turbo', 'playwright-report', 'test-results', '.sandbox', '.git'].includes(e.name)) return [];
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(ts|tsx|js|mjs|md|yaml|yml|sh)$/.test(e.name) ? [path] : [];
  });
}

describe('comments', () => {
  it('cite no document outside the repository (a section sign, a screenshot, a closing note, the seed guide, private references)', () => {
    const outside = /§|screenshot|closing note|\bseed\/|seed guide|\/work\/shared|reference\/[\w-]+\.md|DESIGN\.md|CONVENTIONS\.md|HELPERS\.md/i;
    const self = fileURLToPath(import.meta.url);
    const hits = ['apps', 'packages', 'e2e', 'deploy', 'docs']
      .flatMap((d) => {
        try {
          return sources(join(root, d));
        } catch {
          return [];
        }
      })
      .concat([join(root, 'README.md'), join(root, 'eslint.config.js')])
      .filter((f) => f !== self)
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .flatMap((line, i) => (outside.test(line) ? [`${relative(root, f)}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(hits).toEqual([]);
  });
});
