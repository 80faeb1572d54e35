import { z } from 'zod';
import {
  ACCOUNT_NAME_RULE,
  CLUSTER_ID_RULE,
  INSTANCE_NAME_RULE,
  MILVUS_ENDPOINT_RULE,
  MILVUS_INSTANCE_ID_RULE,
  MILVUS_USER_RULE,
  PASSWORD_RULE,
  POSTGRES_INSTANCE_ID_RULE,
  REDIS_INSTANCE_ID_RULE,
  REDIS_PASSWORD_RULE,
  VPC_ID_RULE,
  type RuleKey,
  type SwitchRule,
  type TextRule,
  type ValueRule,
} from './value-rules';

// The rules without zod (what the browser's first screen loads), re-exported for the BFF and the contract.
export * from './value-rules';

const err = (key: RuleKey) => ({ error: key });
/** A length bound that stops there: a too long value gets this one message, no other rule is tried on it. */
const cap = (key: RuleKey) => ({ error: key, abort: true });

/** The zod schema of a text rule, for the BFF and the API contract: the same checks, in the same order, with the same keys. */
export function textSchema(rule: TextRule): z.ZodString {
  let schema = z.string(err(rule.invalid));
  if (rule.trim) schema = schema.trim();
  if (rule.nonEmpty) schema = schema.min(1, err(rule.nonEmpty));
  if (rule.max) schema = schema.max(rule.max[0], cap(rule.max[1]));
  if (rule.pattern) schema = schema.regex(rule.pattern[0], err(rule.pattern[1]));
  const { problem } = rule;
  if (problem) {
    schema = schema.superRefine((value, ctx) => {
      const key = problem(value);
      if (key) ctx.addIssue({ code: 'custom', message: key });
    });
  }
  return schema;
}

export type SchemaOf<R extends ValueRule> = R extends SwitchRule
  ? z.ZodBoolean
  : R extends { optional: true }
    ? z.ZodOptional<z.ZodString>
    : z.ZodString;

/** The zod schema of any value rule (a switch is a boolean; an optional text may be absent). */
export function schemaOf<R extends ValueRule>(rule: R): SchemaOf<R> {
  if (rule.kind === 'boolean') return z.boolean() as SchemaOf<R>;
  const text = textSchema(rule);
  return (rule.optional ? text.optional() : text) as SchemaOf<R>;
}

export const InstanceNameSchema = textSchema(INSTANCE_NAME_RULE).describe(
  'Service instance name: at most 64 characters, starting with a letter',
);
export const AccountNameSchema = textSchema(ACCOUNT_NAME_RULE);
export const PasswordSchema = textSchema(PASSWORD_RULE);
export const RedisPasswordSchema = textSchema(REDIS_PASSWORD_RULE);
export const MilvusEndpointSchema = textSchema(MILVUS_ENDPOINT_RULE);
export const MilvusUserSchema = textSchema(MILVUS_USER_RULE);
export const VpcIdSchema = textSchema(VPC_ID_RULE);
export const ClusterIdSchema = textSchema(CLUSTER_ID_RULE);
export const PostgresInstanceIdSchema = textSchema(POSTGRES_INSTANCE_ID_RULE);
export const RedisInstanceIdSchema = textSchema(REDIS_INSTANCE_ID_RULE);
export const MilvusInstanceIdSchema = textSchema({ ...MILVUS_INSTANCE_ID_RULE, optional: false });

/** Resource group of the instance (`ResourceGroupId` of CreateServiceInstance). */
export const ResourceGroupIdSchema = z.string(err('resourceGroupId.format')).max(64, err('resourceGroupId.format')).regex(/^rg-[a-z0-9]+$/, err('resourceGroupId.format'));

const RESERVED_TAG_PREFIX = /^(aliyun|acs:)/i;
const URL_SCHEME = /https?:\/\//i;

/** The tag rules of Alibaba Cloud: key 1-128 characters, not `aliyun`/`acs:`, no URL scheme; value 0-128. */
export const TagKeySchema = z
  .string(err('tagKey.required'))
  .max(128, cap('tagKey.tooLong'))
  .superRefine((value, ctx) => {
    const issue = (message: RuleKey) => ctx.addIssue({ code: 'custom', message });
    if (value.trim() === '') issue('tagKey.required');
    else if (RESERVED_TAG_PREFIX.test(value)) issue('tagKey.reserved');
    else if (URL_SCHEME.test(value)) issue('tagKey.scheme');
  });
export const TagValueSchema = z
  .string()
  .max(128, cap('tagValue.tooLong'))
  .superRefine((value, ctx) => {
    if (URL_SCHEME.test(value)) ctx.addIssue({ code: 'custom', message: 'tagValue.scheme' });
  });
export const TagSchema = z.object({ key: TagKeySchema, value: TagValueSchema.default('') });
