import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readStateFile, StateFile, type SavedState } from './persist';

const state = (simNow: number): SavedState => ({ format: 'cloud-sim-state/1', simNow, idSeed: 1, nextAccount: 2, accounts: [] });

describe('the state file', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is created readable and writable by its owner only (it holds the sandbox keys and passwords)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloud-sim-state-'));
    const file = join(dir, 'nested', 'state.json');
    await new StateFile(file, () => state(5)).flush();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readStateFile(file)?.simNow).toBe(5);
  });

  it('one left readable by others (an older version, a copy) is owner-only after the next save', async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloud-sim-state-'));
    const file = join(dir, 'state.json');
    writeFileSync(file, JSON.stringify(state(1)), { mode: 0o644 });
    expect(statSync(file).mode & 0o777).toBe(0o644);
    await new StateFile(file, () => state(7)).flush();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ simNow: 7 });
  });
});
