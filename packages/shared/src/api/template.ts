import { z } from 'zod';
import { MAX_TEMPLATE_PARAMETERS } from '../domain/rules';
import type { Endpoint } from './contract';

const LocalizedSchema = z.object({ 'zh-CN': z.string(), en: z.string() });
const Scalar = z.union([z.string(), z.number(), z.boolean()]);

/** One parameter of the service's template (see template/parameter-rules.ts). */
export const TemplateParameterSchema = z.object({
  key: z.string().describe("The template's parameter name"),
  type: z.string().describe('ROS type: String, Number, Boolean…'),
  label: LocalizedSchema,
  description: LocalizedSchema.nullable(),
  default: Scalar.nullable(),
  allowedValues: z.array(Scalar).nullable(),
  allowedPattern: z.string().nullable(),
  minLength: z.number().nullable(),
  maxLength: z.number().nullable(),
  minValue: z.number().nullable(),
  maxValue: z.number().nullable(),
  noEcho: z.boolean(),
  constraintDescription: LocalizedSchema.nullable(),
  associationProperty: z.string().nullable(),
  group: LocalizedSchema.nullable().describe('Its parameter group, from Metadata.ALIYUN::ROS::Interface'),
});

export const BindingSchema = z.object({
  field: z.string().describe("The console's field (regionId for the deployment region)"),
  parameter: z.string().describe("The template's parameter it is sent as"),
  by: z.enum(['associationProperty', 'name']).describe('How the parameter was recognised'),
});
export type Binding = z.infer<typeof BindingSchema>;

/** The template of the service version the console orders, bound to the console's fields. */
export const TemplateFormSchema = z.object({
  serviceId: z.string(),
  serviceVersion: z.string().describe('The version ordered (the default unless the BFF is configured otherwise)'),
  serviceVersionName: z.string(),
  templates: z
    .array(z.object({ name: z.string(), allowedRegions: z.array(z.string()) }))
    .describe("The service's templates, from its TemplateConfigs"),
  templateName: z.string(),
  parameters: z.array(TemplateParameterSchema).describe('Every parameter of the template, in its group order'),
  bindings: z.array(BindingSchema),
  drawn: z.array(z.string()).describe('Parameters the console does not know: drawn from their metadata'),
  blocked: z
    .array(z.object({ parameter: z.string(), message: z.string() }))
    .describe('Required parameters that can be neither bound nor drawn: the order is refused'),
});
export type TemplateForm = z.infer<typeof TemplateFormSchema>;

/** A published version of the service, as the form was drawn from it: the order is pinned to it. */
export const ServiceVersionSchema = z
  .string()
  .regex(/^[\w.-]{1,32}$/)
  .describe('The service version the form was drawn from (GET /api/v1/template); the order uses it. Absent: the version the BFF is configured with');

/** Values of the drawn parameters, under the template's own names. */
export const TemplateParameterValuesSchema = z
  .record(
    z.string().max(128),
    z.union([
      z.string().max(4096),
      z.number().min(-Number.MAX_SAFE_INTEGER, { error: 'templateParameter.number' }).max(Number.MAX_SAFE_INTEGER, { error: 'templateParameter.number' }),
      z.boolean(),
    ]),
  )
  .refine((values) => Object.keys(values).length <= MAX_TEMPLATE_PARAMETERS, { error: 'templateParameters.tooMany' })
  .meta({ maxProperties: MAX_TEMPLATE_PARAMETERS })
  .describe("Values of the template's parameters the console does not know (drawn), by parameter name");

export const getTemplateForm = {
  method: 'GET',
  path: '/api/v1/template',
  summary: "The service's template for the version ordered: parameters, bindings to the form, drawn parameters",
  query: z.object({ templateName: z.string().max(128).optional() }),
  response: TemplateFormSchema,
} as const satisfies Endpoint;
