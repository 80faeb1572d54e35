import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AccountKeys, ScenarioName } from './registry';

/**
 * The state file: the whole local cloud (every account with its keys, scenario and region
 * stores; the simulated time; the id generator) as JSON. Stores are plain data; Maps are written
 * as `{"$map": [[key, value], …]}` so they come back as Maps.
 */
export interface SavedState {
  format: 'cloud-sim-state/1';
  /** Simulated ms when saved. */
  simNow: number;
  idSeed: number;
  nextAccount: number;
  accounts: {
    keys: AccountKeys;
    scenario: ScenarioName;
    regions: Record<string, Record<string, unknown>>;
    /** Account-wide stores. */
    shared: Record<string, unknown>;
  }[];
}

export function encodeState(state: SavedState): string {
  return JSON.stringify(state, (_k, v: unknown) =>
    v instanceof Map ? { $map: [...(v as Map<unknown, unknown>).entries()] } : v,
  );
}

export function decodeState(text: string): SavedState {
  const v = JSON.parse(text, (_k, value: unknown) => {
    if (
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.keys(value).length === 1 &&
      Array.isArray((value as { $map?: unknown }).$map)
    )
      return new Map((value as { $map: [unknown, unknown][] }).$map);
    return value;
  }) as SavedState;
  if (v.format !== 'cloud-sim-state/1' || !Array.isArray(v.accounts))
    throw new Error('not a cloud-sim state file');
  return v;
}

export function readStateFile(file: string): SavedState | undefined {
  if (!existsSync(file)) return undefined;
  return decodeState(readFileSync(file, 'utf8'));
}

/** Debounced, atomic saves (write a temporary file, then rename over the target). */
export class StateFile {
  private readonly file: string;
  private readonly snapshot: () => SavedState;
  private readonly delayMs: number;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private seq = 0;

  constructor(file: string, snapshot: () => SavedState, delayMs = 50) {
    this.file = file;
    this.snapshot = snapshot;
    this.delayMs = delayMs;
  }

  /** Called after every mutation: one save soon after the last of a burst. */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.saveNow();
    }, this.delayMs);
    this.timer.unref();
  }

  /** Saves now (after any save in flight). */
  saveNow(): Promise<void> {
    const text = encodeState(this.snapshot());
    const tmp = `${this.file}.${process.pid}.${++this.seq}.tmp`;
    this.writing = this.writing
      .then(async () => {
        await mkdir(dirname(this.file), { recursive: true });
        // It holds the sandbox's passwords and keys: readable by its owner only.
        await writeFile(tmp, text, { encoding: 'utf8', mode: 0o600 });
        await chmod(tmp, 0o600);
        await rename(tmp, this.file);
      })
      .catch((e: unknown) => {
        console.error('[cloud-sim] saving the state file failed', e);
      });
    return this.writing;
  }

  /** Writes the current state now, after any write in flight (close). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.saveNow();
  }

  /** Waits for writes in flight. */
  async idle(): Promise<void> {
    await this.writing;
  }
}
