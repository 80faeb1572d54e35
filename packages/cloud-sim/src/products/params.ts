import { Errors, SimError } from '../protocol/errors';

/** Request parameters by their wire names, with the gateway's validation answers. */
export class Params {
  private readonly values: Record<string, string>;

  constructor(values: Record<string, string>) {
    this.values = values;
  }

  /** The value, or undefined when absent or empty. */
  get(name: string): string | undefined {
    const v = this.values[name];
    return v === undefined || v === '' ? undefined : v;
  }

  required(name: string): string {
    const v = this.get(name);
    if (v === undefined)
      throw name === 'RegionId' ? Errors.missingRegionId() : Errors.missingParameter(name);
    return v;
  }

  int(name: string, opts: { default: number; min?: number; max?: number }): number {
    const raw = this.get(name);
    if (raw === undefined) return opts.default;
    if (!/^-?\d+$/.test(raw))
      throw Errors.invalidParameter(
        name,
        `The specified parameter "${name}" is not valid: ${raw} is not an integer.`,
      );
    const n = Number(raw);
    if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
      throw Errors.invalidParameter(
        name,
        `The specified parameter "${name}" is not valid: it must be between ${opts.min ?? '-∞'} and ${opts.max ?? '∞'}.`,
      );
    }
    return n;
  }

  bool(name: string): boolean | undefined {
    const raw = this.get(name);
    if (raw === undefined) return undefined;
    if (/^true$/i.test(raw)) return true;
    if (/^false$/i.test(raw)) return false;
    throw Errors.invalidParameter(
      name,
      `The specified parameter "${name}" is not valid: ${raw} is not a boolean.`,
    );
  }

  /** A comma-separated list (VpcId, DBInstanceId, InstanceIds), trimmed, empty entries dropped. */
  list(name: string, max?: number): string[] | undefined {
    const raw = this.get(name);
    if (raw === undefined) return undefined;
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (max !== undefined && items.length > max) {
      throw Errors.invalidParameter(
        name,
        `The specified parameter "${name}" is not valid: at most ${max} values.`,
      );
    }
    return items;
  }

  all(): Record<string, string> {
    return { ...this.values };
  }
}

export function notFound(code: string, message: string, status = 404): SimError {
  return new SimError(code, status, message);
}
