import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderFixtures } from '../fixtures/fixtures-doc';
import { PRODUCTS } from './index';
import { renderImplemented } from './implemented';

const root = new URL('../../', import.meta.url);

/** Ignores the column padding Prettier adds to Markdown tables. */
function normalize(md: string): string {
  return md
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line.replace(/\s*\|\s*/g, '|').replace(/-{3,}/g, '---')
        : line.trimEnd(),
    )
    .join('\n')
    .trim();
}

describe('generated docs', () => {
  it('IMPLEMENTED.md is up to date (run `pnpm --filter @dify-console/cloud-sim actions`)', () => {
    expect(normalize(readFileSync(new URL('IMPLEMENTED.md', root), 'utf8'))).toBe(
      normalize(renderImplemented()),
    );
  });

  it('FIXTURES.md is up to date (run `pnpm --filter @dify-console/cloud-sim actions`)', () => {
    expect(normalize(readFileSync(new URL('FIXTURES.md', root), 'utf8'))).toBe(
      normalize(renderFixtures()),
    );
  });

  it('every implemented action is a catalogued real action, and every ROA action has a route', () => {
    for (const p of PRODUCTS) {
      for (const a of Object.keys(p.actions)) expect(p.catalog, `${p.code} ${a}`).toContain(a);
      if (p.style === 'ROA')
        for (const a of p.catalog)
          expect(
            p.routes?.some((r) => r.action === a),
            `${p.code} ${a}`,
          ).toBe(true);
    }
  });

  it('RPC product versions are unique (dispatch is by Version)', () => {
    const versions = PRODUCTS.filter((p) => p.style === 'RPC').map((p) => p.version);
    expect(new Set(versions).size).toBe(versions.length);
  });
});
