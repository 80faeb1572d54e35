import { describe, expect, it } from 'vitest';
import { GROUP_LABELS } from './types';
import { DeploymentParametersSchema } from './schema';
import {
  HA_EXISTING_TEMPLATE,
  MASK,
  fieldsByGroup,
  maskParameters,
  secretParameterNames,
} from './templates';

const valid = {
  vpcId: 'vpc-bp1abc',
  clusterId: 'c0123456789abcdef',
  postgresInstanceId: 'pgm-bp1abc',
  postgresAccount: 'postgres',
  postgresPassword: 'Secret#123',
  redisInstanceId: 'r-bp1abc',
  redisPassword: 'Redis_1234',
  milvusEndpoint: 'c-abc-internal.milvus.aliyuncs.com',
  milvusUser: 'root',
  milvusPassword: 'Milvus#123',
  highAvailability: true,
};

describe('the HA existing-resources template', () => {
  it('orders its sections as the Compute Nest screens do', () => {
    const groups = fieldsByGroup(HA_EXISTING_TEMPLATE);
    expect(groups.map((g) => g.group)).toEqual(['network', 'kubernetes', 'postgres', 'redis', 'vectorDb', 'service']);
    expect(groups.find((g) => g.group === 'postgres')?.fields.map((f) => f.name)).toEqual([
      'postgresInstanceId',
      'postgresAccount',
      'postgresPassword',
    ]);
    for (const g of groups) expect(GROUP_LABELS[g.group]['zh-CN']).toBeTruthy();
  });

  it('marks exactly the three passwords as NoEcho', () => {
    expect(secretParameterNames().sort()).toEqual(['milvusPassword', 'postgresPassword', 'redisPassword']);
  });

  it('validates a complete parameter set, with the Milvus instance optional', () => {
    expect(DeploymentParametersSchema.safeParse(valid).success).toBe(true);
    const bad = DeploymentParametersSchema.safeParse({ ...valid, redisPassword: 'short' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['redisPassword']);
  });

  it('masks secrets and leaves the rest', () => {
    const masked = maskParameters(valid);
    expect(masked.postgresPassword).toBe(MASK);
    expect(masked.milvusPassword).toBe(MASK);
    expect(masked.vpcId).toBe(valid.vpcId);
    expect(JSON.stringify(masked)).not.toContain('Secret#123');
  });

  it('has labels and help in both languages for every field', () => {
    for (const def of Object.values(HA_EXISTING_TEMPLATE.fields)) {
      expect(def.label['zh-CN'] && def.label.en && def.help['zh-CN'] && def.help.en).toBeTruthy();
    }
  });
});
