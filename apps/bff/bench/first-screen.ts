import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * The first screen's JavaScript against reference pages built here with the same Vite, React and
 * antd (apps/web's own): a blank React page and a bare antd form page (apps/web/bench/reference).
 * What counts is what index.html loads before anything runs: its module script and modulepreloads.
 */

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '../../web');

export interface Built {
  dir: string;
  /** gzip -9 bytes of each first-screen file. */
  files: { src: string; gzip: number }[];
  total: number;
  /** gzip -9 bytes of the stylesheets index.html links (antd's static styles: its zero-runtime mode). */
  css: number;
}

function build(root: string | null, outDir: string, sourcemap: boolean): void {
  const args = ['exec', 'vite', 'build', ...(root ? [root] : []), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error', ...(sourcemap ? ['--sourcemap'] : [])];
  const run = spawnSync('pnpm', args, { cwd: WEB, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`vite build ${root ?? 'console'} failed:\n${run.stderr}${run.stdout}`);
}

export function firstScreenFiles(dir: string): Built {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const srcs = new Set(
    [
      ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]),
      ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
    ].filter((s): s is string => Boolean(s)),
  );
  const gzip = (src: string) => gzipSync(readFileSync(join(dir, src.replace(/^\.?\//, ''))), { level: 9 }).length;
  const files = [...srcs].map((src) => ({ src, gzip: gzip(src) }));
  const sheets = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]).filter((s): s is string => Boolean(s));
  return { dir, files, total: files.reduce((n, f) => n + f.gzip, 0), css: sheets.reduce((n, s) => n + gzip(s), 0) };
}

/** Builds the console (with source maps, for the module sizes) and both reference pages into a temporary directory. */
export function buildAll(): { console: Built; blank: Built; antd: Built; cleanup: () => void } {
  const tmp = mkdtempSync(join(tmpdir(), 'dify-bench-'));
  build(null, join(tmp, 'console'), true);
  build('bench/reference/blank', join(tmp, 'blank'), false);
  build('bench/reference/antd', join(tmp, 'antd'), false);
  return {
    console: firstScreenFiles(join(tmp, 'console')),
    blank: firstScreenFiles(join(tmp, 'blank')),
    antd: firstScreenFiles(join(tmp, 'antd')),
    cleanup: () => rmSync(tmp, { recursive: true, force: true }),
  };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Minified bytes of a built file per source module, from its source map (each mapped segment's
 * bytes go to its source; a package's files are summed under the package name).
 */
export function bytesByModule(jsPath: string): Map<string, number> {
  const code = readFileSync(jsPath, 'utf8');
  // A chunk Rolldown writes itself (its runtime) has no source map: all of it is generated code.
  if (!existsSync(`${jsPath}.map`)) return new Map([['(generated)', code.length]]);
  const map = JSON.parse(readFileSync(`${jsPath}.map`, 'utf8')) as { sources: string[]; mappings: string };
  const name = (source: string) => {
    const m = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(source);
    return m?.[1] ?? source.replace(/^(\.\.\/)+/, '');
  };
  const out = new Map<string, number>();
  const lines = code.split('\n');
  let source = 0;
  map.mappings.split(';').forEach((line, li) => {
    const text = lines[li] ?? '';
    let col = 0;
    const segs: { col: number; source: number | null }[] = [];
    for (const seg of line.split(',')) {
      if (!seg) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += fields[0] ?? 0;
      if (fields.length >= 4) source += fields[1] ?? 0;
      segs.push({ col, source: fields.length >= 4 ? source : null });
    }
    segs.forEach((s, i) => {
      const end = segs[i + 1]?.col ?? text.length;
      const key = s.source === null ? '(generated)' : name(map.sources[s.source] ?? '?');
      out.set(key, (out.get(key) ?? 0) + Math.max(0, end - s.col));
    });
  });
  return out;
}
