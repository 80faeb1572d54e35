// Test helper: what an answer carries that the official SDK's model of it does not have.

/** A generated model class of an official SDK (`@alicloud/<product><version>`): wire names and types. */
export interface SdkModel {
  names(): Record<string, string>;
  types(): Record<string, unknown>;
}

const isModel = (t: unknown): t is SdkModel =>
  typeof t === 'function' && typeof (t as Partial<SdkModel>).names === 'function';

/**
 * Paths of the fields of `value` that `model` does not declare, and of the values whose JSON
 * type differs from the declared one (`string`, `number`, `boolean`); `[]` when it conforms.
 * Maps and `any` are not looked into.
 */
export function outsideModel(value: unknown, model: unknown, path = '$'): string[] {
  if (value === undefined || value === null) return [];
  if (isModel(model)) {
    if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: an object expected`];
    const names = model.names();
    const types = model.types();
    const byWire = new Map(Object.entries(names).map(([prop, wire]) => [wire, prop]));
    return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) => {
      const prop = byWire.get(key);
      if (prop === undefined) return [`${path}.${key}: not in the model`];
      return outsideModel(v, types[prop], `${path}.${key}`);
    });
  }
  if (typeof model === 'object' && model !== null && 'type' in model) {
    const t = model as { type: string; itemType?: unknown };
    if (t.type !== 'array') return [];
    if (!Array.isArray(value)) return [`${path}: an array expected`];
    return value.flatMap((v, i) => outsideModel(v, t.itemType, `${path}[${i}]`));
  }
  if (model === 'string' || model === 'number' || model === 'boolean') {
    const actual = typeof value;
    // pop-core parses JSON with json-bigint: an integer beyond 15 digits arrives as a BigNumber.
    const bigNumber = actual === 'object' && (value as { _isBigNumber?: boolean })._isBigNumber === true;
    const ok = model === 'number' ? actual === 'number' || bigNumber : actual === model;
    return ok ? [] : [`${path}: ${model} expected, got ${JSON.stringify(value)}`];
  }
  return [];
}
