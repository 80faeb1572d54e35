import { format, type Locale, type Localized } from './i18n';

/**
 * Value rules shared by the form, the BFF validation and the API contract, without zod: the
 * browser's first screen checks its fields with `valueProblem` (no schema library in its
 * JavaScript), and `rules.ts` builds the zod schemas of the BFF and the contract from the very
 * same rule objects. Each rule fails with a message *key*; `ruleMessage` turns it into the user's
 * language, so the user reads the same sentence whichever side caught the mistake.
 */
/** More parameters than any template has: a body with more is not an order. */
export const MAX_TEMPLATE_PARAMETERS = 200;

export const RULE_MESSAGES = {
  required: { 'zh-CN': '此项为必填项', en: 'This field is required' },
  'instanceName.format': {
    'zh-CN': '长度不超过64个字符，必须以英文字母开头，可包含数字、英文字母、短划线（-）和下划线（_）',
    en: 'At most 64 characters; must start with an English letter; letters, digits, hyphens (-) and underscores (_) only',
  },
  'instanceName.tooLong': {
    'zh-CN': '名称超过64个字符，请缩短',
    en: 'The name is longer than 64 characters; shorten it',
  },
  'instanceName.start': {
    'zh-CN': '名称必须以英文字母开头，不能以数字、短划线或其他字符开头',
    en: 'The name must start with an English letter, not a digit, a hyphen or another character',
  },
  'instanceName.space': {
    'zh-CN': '名称不能包含空格',
    en: 'The name cannot contain spaces',
  },
  'instanceName.char': {
    'zh-CN': '名称包含不允许的字符：只能使用英文字母、数字、短划线（-）和下划线（_）',
    en: 'The name contains a character that is not allowed: only English letters, digits, hyphens (-) and underscores (_)',
  },
  'accountName.format': {
    'zh-CN': '账号名称长度为2-16个字符，由字母、数字和下划线（_）组成',
    en: 'Account names are 2-16 characters of letters, digits and underscores (_)',
  },
  'accountName.length': {
    'zh-CN': '账号名称须为2-16个字符',
    en: 'The account name must be 2-16 characters long',
  },
  'accountName.space': {
    'zh-CN': '账号名称不能包含空格',
    en: 'The account name cannot contain spaces',
  },
  'accountName.char': {
    'zh-CN': '账号名称包含不允许的字符：只能使用字母、数字和下划线（_）',
    en: 'The account name contains a character that is not allowed: only letters, digits and underscores (_)',
  },
  'password.length': {
    'zh-CN': '密码长度须为8-30个字符',
    en: 'The password must be 8-30 characters long',
  },
  'password.space': {
    'zh-CN': '密码不能包含空格',
    en: 'The password cannot contain spaces',
  },
  'password.charset': {
    'zh-CN': '密码包含不允许的字符：只能使用大写字母、小写字母、数字和特殊字符 !@#$%^&*()_+-=',
    en: 'The password contains a character that is not allowed: only upper and lower case letters, digits and the special characters !@#$%^&*()_+-=',
  },
  'password.classes': {
    'zh-CN': '密码必须包含大写字母、小写字母、数字、特殊字符中的至少三种',
    en: 'The password must contain at least three of: upper case letters, lower case letters, digits, special characters',
  },
  'redisPassword.urlUnsafe': {
    'zh-CN': 'Redis 密码不能包含 @ # % &：Dify 把密码原样写入 redis:// 连接地址（Celery 的 CELERY_BROKER_URL），这些字符会破坏地址。请在 Redis 控制台改用其他特殊字符：!$^*()_+-=',
    en: "A Redis password cannot contain @ # % &: Dify writes the password as it is into a redis:// URL (Celery's CELERY_BROKER_URL), and these characters break it. Change it in the Redis console to use other special characters: !$^*()_+-=",
  },
  'milvusEndpoint.format': {
    'zh-CN': 'Milvus内网访问地址格式为 c-xxx-internal.milvus.aliyuncs.com（可带端口，如 :19530）',
    en: 'The Milvus internal address has the form c-xxx-internal.milvus.aliyuncs.com (a port such as :19530 may follow)',
  },
  'milvusUser.format': {
    'zh-CN': '用户名长度为1-32个字符，由字母、数字和下划线（_）组成，以字母开头',
    en: 'The user name is 1-32 characters of letters, digits and underscores (_), starting with a letter',
  },
  'vpcId.format': { 'zh-CN': '请选择专有网络VPC', en: 'Choose a VPC' },
  'clusterId.format': {
    'zh-CN': 'ACK集群ID由小写字母和数字组成',
    en: 'An ACK cluster ID consists of lower case letters and digits',
  },
  'postgresInstanceId.format': {
    'zh-CN': '请选择RDS PostgreSQL实例（pgm-开头）',
    en: 'Choose an RDS PostgreSQL instance (its ID starts with pgm-)',
  },
  'redisInstanceId.format': {
    'zh-CN': '请选择Redis实例（r-开头）',
    en: 'Choose a Redis instance (its ID starts with r-)',
  },
  'milvusInstanceId.format': {
    'zh-CN': '请选择Milvus实例（c-开头）',
    en: 'Choose a Milvus instance (its ID starts with c-)',
  },
  'regionId.format': { 'zh-CN': '请选择地域', en: 'Choose a region' },
  'instanceId.format': {
    'zh-CN': '服务实例ID格式不正确：应以 si- 开头，后跟小写字母和数字（不超过64个字符），请检查地址中的服务实例ID',
    en: 'Not a service instance ID: it starts with si- followed by lower case letters and digits (64 characters at most); check the instance ID in the address',
  },
  'mcpId.format': {
    'zh-CN': 'MCP 服务ID须为1-64个字符，请检查地址中的 MCP 服务ID',
    en: 'An MCP server ID is 1-64 characters; check the server ID in the address',
  },
  'toolName.format': {
    'zh-CN': '工具名称须为1-128个字符，请检查地址中的工具名称',
    en: 'A tool name is 1-128 characters; check the tool name in the address',
  },
  'resourceGroupId.format': {
    'zh-CN': '资源组ID以 rg- 开头，后跟小写字母和数字，例如 rg-acfmzw2jz2z2dky',
    en: 'A resource group ID starts with rg- followed by lower case letters and digits, e.g. rg-acfmzw2jz2z2dky',
  },
  'tagKey.required': { 'zh-CN': '请填写标签键', en: 'Enter the tag key' },
  'tagKey.tooLong': { 'zh-CN': '标签键超过128个字符，请缩短', en: 'The tag key is longer than 128 characters; shorten it' },
  'tagKey.reserved': {
    'zh-CN': '标签键不能以 aliyun 或 acs: 开头（这些前缀为阿里云保留）',
    en: 'A tag key cannot start with aliyun or acs: (Alibaba Cloud reserves these prefixes)',
  },
  'tagKey.scheme': { 'zh-CN': '标签键不能包含 http:// 或 https://', en: 'A tag key cannot contain http:// or https://' },
  'templateParameters.tooMany': {
    'zh-CN': `模板参数过多（最多 ${MAX_TEMPLATE_PARAMETERS} 个）`,
    en: `Too many template parameters (at most ${MAX_TEMPLATE_PARAMETERS})`,
  },
  'templateParameter.number': {
    'zh-CN': `数值超出范围（绝对值不能超过 ${Number.MAX_SAFE_INTEGER}）`,
    en: `The number is out of range (its absolute value cannot exceed ${Number.MAX_SAFE_INTEGER})`,
  },
  'tagValue.tooLong': { 'zh-CN': '标签值超过128个字符，请缩短', en: 'The tag value is longer than 128 characters; shorten it' },
  'tagValue.scheme': { 'zh-CN': '标签值不能包含 http:// 或 https://', en: 'A tag value cannot contain http:// or https://' },
  'ingressHost.format': {
    'zh-CN': '请输入有效的域名，例如 dify.example.com（不含协议、端口和通配符）',
    en: 'Enter a valid domain such as dify.example.com (no scheme, port or wildcard)',
  },
  'nacosAddress.format': {
    'zh-CN': '请输入 Nacos 地址，格式为 主机:端口，例如 10.0.0.5:8848（不含 http://）',
    en: 'Enter the Nacos address as host:port, e.g. 10.0.0.5:8848 (no http://)',
  },
  'namespace.format': {
    'zh-CN': '命名空间ID只能包含字母、数字、下划线、点、冒号和短划线',
    en: 'A namespace ID holds letters, digits, underscores, dots, colons and hyphens only',
  },
  'accessKey.mseOnly': {
    'zh-CN': 'AccessKey 只能用于 MSE Nacos；自建 Nacos 请使用用户名和密码',
    en: 'An AccessKey works with MSE Nacos only; use a user name and password for a self-hosted Nacos',
  },
  'toolChange.empty': {
    'zh-CN': '请指定要修改的内容：开关状态或描述',
    en: 'Say what to change: the switch or the description',
  },
} satisfies Record<string, Localized>;

export type RuleKey = keyof typeof RULE_MESSAGES;

export function isRuleKey(value: string): value is RuleKey {
  return Object.hasOwn(RULE_MESSAGES, value);
}

/** The user's sentence for a rule key; anything else is returned as it is. */
export function ruleMessage(keyOrText: string, locale: Locale, params?: Record<string, string>) {
  return isRuleKey(keyOrText) ? format(RULE_MESSAGES[keyOrText][locale], params) : keyOrText;
}

/**
 * A value rule as data. A text rule's checks run in this order and the first that fails names
 * the problem, as the first issue of the zod schema built from it (`schemaOf` in rules.ts) does:
 * a string (else `invalid`), trimmed when `trim`, not empty (`nonEmpty`), at most `max`
 * characters (a bound that stops there: a too long value gets that one problem, no other check
 * is tried on it), matching `pattern`, then `problem`.
 */
export interface TextRule {
  kind: 'text';
  /** The key when the value is not a string (a missing value included). */
  invalid: RuleKey;
  trim?: boolean;
  nonEmpty?: RuleKey;
  max?: readonly [number, RuleKey];
  pattern?: readonly [RegExp, RuleKey];
  /** What else is wrong with the string, or null. */
  problem?: (value: string) => RuleKey | null;
  /** An absent value is fine (the field may stay empty). */
  optional?: boolean;
}

export interface SwitchRule {
  kind: 'boolean';
}

export type ValueRule = TextRule | SwitchRule;

/** Whether the rule refuses an absent value (the form marks the field required). */
export function isRequiredRule(rule: ValueRule): boolean {
  return rule.kind === 'boolean' || !rule.optional;
}

/** The first problem of a value under a rule (its message key), or null when the value holds. */
export function valueProblem(rule: ValueRule, value: unknown): RuleKey | null {
  if (rule.kind === 'boolean') return typeof value === 'boolean' ? null : 'required';
  if (value === undefined && rule.optional) return null;
  if (typeof value !== 'string') return rule.invalid;
  const text = rule.trim ? value.trim() : value;
  if (rule.nonEmpty && text.length < 1) return rule.nonEmpty;
  if (rule.max && text.length > rule.max[0]) return rule.max[1];
  if (rule.pattern && !rule.pattern[0].test(text)) return rule.pattern[1];
  return rule.problem?.(text) ?? null;
}

/** Compute Nest service instance name. */
export const INSTANCE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
export const INSTANCE_NAME_RULE: TextRule = {
  kind: 'text',
  invalid: 'required',
  nonEmpty: 'required',
  max: [64, 'instanceName.tooLong'],
  // Say what is wrong with this value, not the whole rule again.
  problem: (value) => {
    if (INSTANCE_NAME_PATTERN.test(value)) return null;
    if (!/^[A-Za-z]/.test(value)) return 'instanceName.start';
    if (/\s/.test(value)) return 'instanceName.space';
    return 'instanceName.char';
  },
};

/** Proposes `dify-` and four random lower-case letters or digits, like the Compute Nest console. */
export function proposeInstanceName(random: () => number = Math.random): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let suffix = '';
  for (let i = 0; i < 4; i += 1) suffix += alphabet[Math.floor(random() * alphabet.length)] ?? 'a';
  return `dify-${suffix}`;
}

/** Database account name: 2-16 letters, digits and underscores (HA template constraint). */
export const ACCOUNT_NAME_RULE: TextRule = {
  kind: 'text',
  invalid: 'required',
  nonEmpty: 'required',
  max: [16, 'accountName.length'],
  problem: (value) => {
    if (/\s/.test(value)) return 'accountName.space';
    if (!/^[A-Za-z0-9_]*$/.test(value)) return 'accountName.char';
    if (value.length < 2) return 'accountName.length';
    return null;
  },
};

export const PASSWORD_SPECIALS = '!@#$%^&*()_+-=';
const PASSWORD_CHARSET = /^[A-Za-z0-9!@#$%^&*()_+\-=]*$/;

/** How many of the four character classes a password uses. */
export function passwordClassCount(value: string): number {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[!@#$%^&*()_+\-=]/].filter((re) => re.test(value)).length;
}

/**
 * The special characters of a Redis password: the template's, less those that break the
 * `redis://:password@host` URL Dify builds for Celery without encoding it (field research).
 */
export const REDIS_URL_UNSAFE = '@#%&';
export const REDIS_PASSWORD_SPECIALS = [...PASSWORD_SPECIALS].filter((c) => !REDIS_URL_UNSAFE.includes(c)).join('');

/** The characters of `value` that a Redis password cannot have (empty when it is fine). */
export function redisUnsafeChars(value: string): string[] {
  return [...REDIS_URL_UNSAFE].filter((c) => value.includes(c));
}

function passwordRule(extra?: (value: string) => RuleKey | null): TextRule {
  return {
    kind: 'text',
    invalid: 'required',
    nonEmpty: 'required',
    max: [30, 'password.length'],
    problem: (value) => {
      if (value.length < 8) return 'password.length';
      if (/\s/.test(value)) return 'password.space';
      if (!PASSWORD_CHARSET.test(value)) return 'password.charset';
      const more = extra?.(value);
      if (more) return more;
      if (passwordClassCount(value) < 3) return 'password.classes';
      return null;
    },
  };
}

/**
 * The template's password rule: 8-30 characters from letters, digits and `!@#$%^&*()_+-=`,
 * with at least three of the four classes (upper, lower, digit, special).
 */
export const PASSWORD_RULE = passwordRule();

/** The Redis password: the template's rule without `@ # % &` (the one rule the help, the form and the pre-flight state). */
export const REDIS_PASSWORD_RULE = passwordRule((value) => (redisUnsafeChars(value).length > 0 ? 'redisPassword.urlUnsafe' : null));

/** Milvus internal address: `c-<id>-internal.milvus.aliyuncs.com`, optionally with a port. */
export const MILVUS_ENDPOINT_PATTERN =
  /^c-[a-z0-9]+-internal\.milvus\.aliyuncs\.com(:(?:[1-9][0-9]{0,4}))?$/;
export const MILVUS_ENDPOINT_RULE: TextRule = {
  kind: 'text',
  invalid: 'required',
  trim: true,
  nonEmpty: 'required',
  max: [253, 'milvusEndpoint.format'],
  pattern: [MILVUS_ENDPOINT_PATTERN, 'milvusEndpoint.format'],
};

export const MILVUS_USER_RULE: TextRule = {
  kind: 'text',
  invalid: 'required',
  nonEmpty: 'required',
  max: [32, 'milvusUser.format'],
  pattern: [/^[A-Za-z][A-Za-z0-9_]{0,31}$/, 'milvusUser.format'],
};

/** A cloud resource ID of one shape: its own key for anything else. */
function resourceIdRule(pattern: RegExp, key: RuleKey, invalid: RuleKey = key): TextRule {
  return { kind: 'text', invalid, max: [64, key], pattern: [pattern, key] };
}

export const VPC_ID_RULE = resourceIdRule(/^vpc-[a-z0-9]+$/, 'vpcId.format');
export const CLUSTER_ID_RULE = resourceIdRule(/^c[a-z0-9]+$/, 'clusterId.format', 'required');
export const POSTGRES_INSTANCE_ID_RULE = resourceIdRule(/^pgm-[a-z0-9]+$/, 'postgresInstanceId.format');
export const REDIS_INSTANCE_ID_RULE = resourceIdRule(/^r-[a-z0-9]+$/, 'redisInstanceId.format');
export const MILVUS_INSTANCE_ID_RULE = { ...resourceIdRule(/^c-[a-z0-9]+$/, 'milvusInstanceId.format'), optional: true as const } satisfies TextRule;

/** A switch: on or off, nothing else. */
export const SWITCH_RULE = { kind: 'boolean' } as const satisfies SwitchRule;

/** Compute Nest takes 20 tags; the console adds two of its own (the order's token and digest). */
export const MAX_USER_TAGS = 18;
