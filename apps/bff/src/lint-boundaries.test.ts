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
      'a web feature importing its own modules and lib',
      'apps/web/src/features/deploy/components/x.tsx',
      "import { a } from '../slots';\nimport { b } from '../../../lib/api-client';\nvoid a;\nvoid b;\n",
    ],
  ])('%s passes', async (_name, filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });
});
