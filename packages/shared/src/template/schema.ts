import { z } from 'zod';
import { schemaOf, type SchemaOf } from '../domain/rules';
import { HA_EXISTING_FIELDS } from './ha-existing';
import type { FieldDef } from './types';

/**
 * The zod schemas of the template fields, for the BFF and the API contract: each field's schema is
 * built from its value rule in the one field description (./ha-existing), with its description.
 */
type ShapeOf<F extends Record<string, FieldDef>> = { [K in keyof F]: SchemaOf<F[K]['rule']> };

function objectOf<F extends Record<string, FieldDef>>(fields: F): z.ZodObject<ShapeOf<F>> {
  const shape = Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, schemaOf(f.rule).describe(f.description)]));
  return z.object(shape) as unknown as z.ZodObject<ShapeOf<F>>;
}

/** The deployment parameters of `高可用版-已有资源`, derived from its field description. */
export const DeploymentParametersSchema = objectOf(HA_EXISTING_FIELDS).describe(
  'Deployment parameters of the template 高可用版-已有资源',
);
export type DeploymentParameters = z.infer<typeof DeploymentParametersSchema>;
export type DeploymentParametersInput = z.input<typeof DeploymentParametersSchema>;

export const TemplateNameSchema = z
  .string()
  .min(1)
  .max(128)
  .describe("Compute Nest template name, one of the service's TemplateConfigs");
