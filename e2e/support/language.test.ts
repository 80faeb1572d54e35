import { describe, expect, it } from 'vitest';
import { chineseIn, englishIn } from './language';

describe('the language check of the walk-through', () => {
  it('finds English words in Chinese text, but not names, identifiers or a raw value in brackets after its words', () => {
    expect(englishIn(['集群 dify-ack-pro 运行中', 'PostgreSQL 实例', '无法验证：无法连接阿里云（Cloud.NetworkError），请稍后重试'])).toEqual([]);
    expect(englishIn(['0/2 就绪：反复崩溃重启（CrashLoopBackOff）'])).toEqual([]);
    expect(englishIn(['0/2 就绪：CrashLoopBackOff'])).toHaveLength(1);
    expect(englishIn(['部署状态：Deploying'])).toHaveLength(1);
    // A sentence in brackets is not a value.
    expect(englishIn(['无法验证（the connection to the cloud failed）'])).not.toEqual([]);
    // A bracketed word with no Chinese before it is not a value either.
    expect(englishIn(['（Deploying）'])).toHaveLength(1);
    // A version's wildcard is part of the version.
    expect(englishIn(['通过 Nacos 3.x（MSE 或自建）管理'])).toEqual([]);
  });

  it('finds half-width commas, semicolons and colons in Chinese sentences, not in times, ports or English lists', () => {
    expect(englishIn(['检查于 07:35:16，用时 0.7 秒', '地址 10.0.0.5:8848', 'api, worker'])).toEqual([]);
    expect(englishIn(['需要约 3 核（api 2×500m, worker 2×500m）'])).toHaveLength(1);
    expect(englishIn(['集群运行中,请继续'])).toHaveLength(1);
    expect(englishIn(['已就绪; 可以访问'])).toHaveLength(1);
    expect(englishIn(['格式为 主机:端口'])).toHaveLength(1);
  });

  it('finds Chinese characters and full-width punctuation in English text', () => {
    expect(chineseIn(['Could not connect to the cloud (Cloud.NetworkError)'])).toEqual([]);
    expect(chineseIn(['Could not connect（Cloud.NetworkError）'])).toHaveLength(1);
    expect(chineseIn(['中文'])).toEqual([]);
  });
});
