import { Errors, type SimError } from '../../protocol/errors';
import type { ParameterDefinition, TemplateDefinition } from './service';

/** Parameter values after validation: Booleans are booleans, everything else a string. */
export type ParameterValues = Record<string, string | boolean>;

export const MASK = '******';

// Messages follow ROS (Heat-derived) parameter validation, prefixed the way Compute Nest passes
// a template's answer on: "Parameter validation failed: The Parameter (X) was not provided." The
// exact Compute Nest code is UNCONFIRMED; InvalidParameter (400) is the common one.
function failed(detail: string): SimError {
  return Errors.invalidParameter('Parameters', `Parameter validation failed: ${detail}`);
}

/** Parses the `Parameters` JSON string (an absent value is an empty object). */
export function parseParametersJson(raw: string | undefined): Record<string, unknown> {
  if (raw === undefined) return {};
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    throw Errors.invalidParameter(
      'Parameters',
      'The specified parameter "Parameters" is not valid: it must be a JSON object string.',
    );
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw Errors.invalidParameter(
      'Parameters',
      'The specified parameter "Parameters" is not valid: it must be a JSON object string.',
    );
  return v as Record<string, unknown>;
}

function shown(def: ParameterDefinition, value: string): string {
  return def.NoEcho ? MASK : value;
}

function withConstraint(def: ParameterDefinition, msg: string): string {
  return def.ConstraintDescription ? `${msg} ${def.ConstraintDescription.en}` : msg;
}

function coerce(name: string, def: ParameterDefinition, value: unknown): string | boolean {
  if (def.Type === 'Boolean') {
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string' && /^(true|false)$/i.test(value))
      return value.toLowerCase() === 'true';
    throw failed(
      `Parameter (${name}) is invalid: ${shown(def, JSON.stringify(value) ?? String(value))} is not a valid Boolean (true or false).`,
    );
  }
  if (def.Type === 'Number') {
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
      return value;
    throw failed(`Parameter (${name}) is invalid: "${shown(def, String(value))}" is not a number.`);
  }
  // ROS accepts a JSON number for a String parameter and reads it as text.
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw failed(
    `Parameter (${name}) is invalid: Value must be a string, got ${Array.isArray(value) ? 'list' : typeof value}.`,
  );
}

function check(name: string, def: ParameterDefinition, value: string | boolean): void {
  if (typeof value === 'boolean') return;
  if (def.Type === 'Number') {
    const n = Number(value);
    if (
      (def.MinValue !== undefined && n < def.MinValue) ||
      (def.MaxValue !== undefined && n > def.MaxValue)
    )
      throw failed(
        withConstraint(
          def,
          `Parameter (${name}) is invalid: ${value} is out of range [${def.MinValue ?? '-inf'}, ${def.MaxValue ?? 'inf'}].`,
        ),
      );
  }
  if (def.AllowedValues && !def.AllowedValues.map(String).includes(value))
    throw failed(
      `Parameter (${name}) is invalid: "${shown(def, value)}" is not an allowed value [${def.AllowedValues.map(String).join(', ')}].`,
    );
  const len = [...value].length;
  if (
    (def.MinLength !== undefined && len < def.MinLength) ||
    (def.MaxLength !== undefined && len > def.MaxLength)
  ) {
    const range =
      def.MinLength !== undefined && def.MaxLength !== undefined
        ? `between ${def.MinLength} and ${def.MaxLength}`
        : def.MinLength !== undefined
          ? `at least ${def.MinLength}`
          : `no greater than ${def.MaxLength}`;
    throw failed(
      withConstraint(def, `Parameter (${name}) is invalid: length must be ${range} characters.`),
    );
  }
  // ROS matches AllowedPattern against the whole value.
  if (def.AllowedPattern !== undefined && !new RegExp(`^(?:${def.AllowedPattern})$`).test(value))
    throw failed(
      withConstraint(
        def,
        `Parameter (${name}) is invalid: "${shown(def, value)}" does not match pattern "${def.AllowedPattern}".`,
      ),
    );
}

/**
 * Validates deployment parameters against the template: unknown names, missing required ones
 * (no Default), types, AllowedValues, lengths, patterns. Defaults are filled in. `partial` skips
 * the missing-parameter check (a price quote needs only what it prices).
 */
export function validateParameters(
  template: TemplateDefinition,
  given: Record<string, unknown>,
  opts: { partial?: boolean } = {},
): ParameterValues {
  for (const name of Object.keys(given))
    if (!(name in template.Parameters))
      throw failed(`The Parameter (${name}) was not defined in template.`);
  const out: ParameterValues = {};
  for (const [name, def] of Object.entries(template.Parameters)) {
    const raw = given[name];
    if (raw === undefined || raw === null || raw === '') {
      if (def.Default !== undefined)
        out[name] = def.Type === 'Boolean' ? Boolean(def.Default) : String(def.Default);
      else if (!opts.partial) throw failed(`The Parameter (${name}) was not provided.`);
      continue;
    }
    const v = coerce(name, def, raw);
    check(name, def, v);
    out[name] = v;
  }
  return out;
}

/** Parameters as GetServiceInstance shows them: NoEcho values masked. */
export function maskParameters(
  template: TemplateDefinition,
  values: ParameterValues,
): ParameterValues {
  const out: ParameterValues = {};
  for (const [k, v] of Object.entries(values)) out[k] = template.Parameters[k]?.NoEcho ? MASK : v;
  return out;
}

/** Instance name rule: ≤ 64, starts with a letter or digit, letters, digits, `-`, `_`. */
export function checkInstanceName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(name))
    throw Errors.invalidParameter(
      'Name',
      `The specified parameter "Name" is not valid: ${name}. It must be 1 to 64 characters long, start with a letter or digit, and contain only letters, digits, hyphens (-) and underscores (_).`,
    );
}

/** Canonical JSON (sorted keys) for ClientToken comparison. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
