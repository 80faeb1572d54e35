import { beforeAll, describe, expect, it } from 'vitest';
import type { Milvus, Redis } from '@dify-console/shared/api/resources';
import { loadDictionary, translate } from '../../../lib/i18n/use-t';
import { milvusItem, redisItem } from './picker-items';

const redis = (over: Partial<Redis>): Redis =>
  ({ id: 'r-1', name: 'r', vpcId: 'vpc-1', eligible: true, reasons: [], status: 'Normal', engineVersion: '7.0', architecture: 'standard', instanceType: 'Redis', internalAddress: null, ...over });

describe('picker tags in the user language', () => {
  // English is loaded when chosen, as in the console.
  beforeAll(() => loadDictionary('en'));

  it("the cloud's states and architectures, never the raw value", () => {
    const zh = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('zh-CN', key, params);
    const en = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('en', key, params);
    expect(redisItem(redis({ architecture: 'cluster' }), zh).tags.map((t) => t.text)).toEqual(['Redis 7.0', '集群版', '运行中']);
    expect(redisItem(redis({}), en).tags.map((t) => t.text)).toEqual(['Redis 7.0', 'Standard', 'Running']);
    const milvus = { id: 'c-1', name: 'm', vpcId: 'vpc-1', eligible: true, reasons: [], status: 'running', version: '2.5', internalEndpoint: null, port: null } as Milvus;
    expect(milvusItem(milvus, zh).tags.map((t) => t.text)).toEqual(['2.5', '运行中']);
    // A state the dictionary does not know is shown as the cloud wrote it.
    expect(redisItem(redis({ status: 'Flushing' }), zh).tags.at(-1)?.text).toBe('Flushing');
  });
});
