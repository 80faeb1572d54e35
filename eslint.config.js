// One flat config for the whole workspace, with type-checked rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { dirname, relative, resolve, sep } from 'node:path';

// ── Architecture boundaries (README "Architecture"): who may import what, and who reads the
// environment. `apps/bff/src/lint-boundaries.test.ts` proves each rule fails on a forbidden import.

/** Only the gateways talk to the cloud and the clusters. */
const CLOUD_SDKS = [
  {
    name: '@alicloud/pop-core',
    message:
      'Only the BFF gateways (apps/bff/src/cloud) use pop-core; services go through their ports.',
  },
  {
    name: '@kubernetes/client-node',
    message:
      'Only the BFF cluster gateway (apps/bff/src/cluster) uses the Kubernetes client; services go through their ports.',
  },
];
const SERVICES_NOT_GATEWAYS = {
  regex: '^(\\.\\./)+(cloud|cluster|edge|nacos)/',
  message: "Services depend on ports (apps/bff/src/ports), never on a gateway's internals.",
};
const GATEWAYS_NOT_SERVICES = {
  regex: '^(\\.\\./)+services/',
  message:
    'Gateways implement ports (apps/bff/src/ports) and use errors/ and lib/, never services/.',
};
const SIM_NOT_CONSOLE = {
  group: ['@dify-console/*'],
  message: "The local cloud is an independent Alibaba Cloud: it never imports the console's code.",
};
const restrictedImports = ({ sdks = true, patterns = [] } = {}) => [
  'error',
  { paths: sdks ? CLOUD_SDKS : [], patterns },
];

/** `process.env` is read by each app's config module only, however it is spelled. */
const ENV_MESSAGE =
  "Read the environment in the app's config module only (apps/bff/src/config, the local cloud's cli.ts, e2e/playwright.config.ts) and pass values in.";
const NO_PROCESS_ENV = [
  'error',
  ...[
    "MemberExpression[object.name='process'][property.name='env']",
    "MemberExpression[object.name='process'][computed=true][property.value='env']",
    "MemberExpression[object.property.name='process'][property.name='env']",
    "VariableDeclarator[init.name='process'] > ObjectPattern > Property[key.name='env']",
    "ImportDeclaration[source.value=/^(node:)?process$/] > ImportSpecifier[imported.name='env']",
  ].map((selector) => ({ selector, message: ENV_MESSAGE })),
];

/** A web feature never imports another feature: what two features share lives in lib/ or components/. */
const WEB_FEATURES = resolve(import.meta.dirname, 'apps/web/src/features');
const featureOf = (file) => {
  const rel = relative(WEB_FEATURES, file);
  return rel.startsWith('..') || rel === '' ? undefined : rel.split(sep)[0];
};
/** The local cloud's own folder: nothing it imports may come from outside it (the console's code). */
const SIM_ROOT = resolve(import.meta.dirname, 'packages/cloud-sim');
const boundaries = {
  rules: {
    'sim-independent': {
      meta: {
        type: 'problem',
        schema: [],
        messages: {
          outside:
            "The local cloud is an independent Alibaba Cloud: it never imports the console's code ({{source}}).",
        },
      },
      create(context) {
        const check = (node, source) => {
          if (typeof source !== 'string') return;
          const escapes =
            source.startsWith('.') &&
            relative(SIM_ROOT, resolve(dirname(context.filename), source)).startsWith('..');
          if (escapes || /^@dify-console(\/|$)/.test(source))
            context.report({ node, messageId: 'outside', data: { source } });
        };
        const fromSource = (node) => check(node.source ?? node, node.source?.value);
        return {
          ImportDeclaration: fromSource,
          ExportNamedDeclaration: fromSource,
          ExportAllDeclaration: fromSource,
          ImportExpression: (node) => check(node, node.source?.value),
          "CallExpression[callee.name='require']": (node) => check(node, node.arguments[0]?.value),
        };
      },
    },
    'no-cross-feature': {
      meta: {
        type: 'problem',
        schema: [],
        messages: {
          cross:
            'Feature "{{from}}" imports feature "{{to}}": move what they share to lib/ or components/.',
        },
      },
      create(context) {
        const from = featureOf(context.filename);
        if (!from) return {};
        const check = (node) => {
          const source = node.source?.value;
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const to = featureOf(resolve(dirname(context.filename), source));
          if (to && to !== from)
            context.report({ node: node.source, messageId: 'cross', data: { from, to } });
        };
        return {
          ImportDeclaration: check,
          ExportNamedDeclaration: check,
          ExportAllDeclaration: check,
          ImportExpression: check,
        };
      },
    },
  },
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.turbo/**',
      '**/playwright-report/**',
      '**/test-results/**',
      '**/*.config.js',
      '**/*.config.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'no-restricted-imports': restrictedImports(),
      'no-restricted-syntax': NO_PROCESS_ENV,
    },
  },
  {
    files: ['apps/bff/src/services/**/*.ts'],
    rules: { 'no-restricted-imports': restrictedImports({ patterns: [SERVICES_NOT_GATEWAYS] }) },
  },
  {
    files: ['apps/bff/src/cloud/**/*.ts', 'apps/bff/src/cluster/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictedImports({
        sdks: false,
        patterns: [GATEWAYS_NOT_SERVICES],
      }),
    },
  },
  {
    files: ['apps/bff/src/edge/**/*.ts', 'apps/bff/src/nacos/**/*.ts'],
    rules: { 'no-restricted-imports': restrictedImports({ patterns: [GATEWAYS_NOT_SERVICES] }) },
  },
  {
    files: ['packages/cloud-sim/**/*.ts'],
    plugins: { boundaries },
    rules: {
      'no-restricted-imports': restrictedImports({ patterns: [SIM_NOT_CONSOLE] }),
      'boundaries/sim-independent': 'error',
    },
  },
  {
    files: ['apps/web/src/features/**/*.{ts,tsx}'],
    plugins: { boundaries },
    rules: { 'boundaries/no-cross-feature': 'error' },
  },
  {
    // Each app's config module, and the tests and tools that start processes with an environment.
    files: [
      'apps/bff/src/config/**/*.ts',
      'packages/cloud-sim/src/cli.ts',
      'e2e/**/*.ts',
      '**/*.test.ts',
      '**/bench/**/*.ts',
      '**/scripts/**/*.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: [
      '**/*.test.ts',
      '**/*.test.tsx',
      'e2e/**/*.ts',
      '**/bench/**/*.ts',
      '**/scripts/**/*.ts',
      '**/cli.ts',
    ],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Tests of the BFF outside services may drive the cloud with the SDK, as a client would.
    files: ['apps/bff/src/**/*.test.ts'],
    ignores: ['apps/bff/src/services/**'],
    rules: { 'no-restricted-imports': restrictedImports({ sdks: false }) },
  },
  {
    // The local cloud is tested with the official SDK clients, as the console's users would call it.
    files: ['packages/cloud-sim/src/**/*.test.ts', 'packages/cloud-sim/src/test-clients.ts'],
    rules: {
      'no-restricted-imports': restrictedImports({ sdks: false, patterns: [SIM_NOT_CONSOLE] }),
    },
  },
);
