import { z } from 'zod';
import type { Locale, Localized } from './i18n';

export const RegionIdSchema = z
  .string({ error: 'regionId.format' })
  .max(32, { error: 'regionId.format' })
  .regex(/^[a-z]{2}-[a-z0-9-]+$/, { error: 'regionId.format' })
  .describe('Alibaba Cloud region id, e.g. cn-hangzhou');

/**
 * Region names as the Compute Nest console shows them (full-width parentheses), and in English.
 * A region the cloud reports but this table lacks falls back to the cloud's own LocalName.
 */
export const REGION_NAMES: Record<string, Localized> = {
  'cn-qingdao': { 'zh-CN': '华北1（青岛）', en: 'China (Qingdao)' },
  'cn-beijing': { 'zh-CN': '华北2（北京）', en: 'China (Beijing)' },
  'cn-zhangjiakou': { 'zh-CN': '华北3（张家口）', en: 'China (Zhangjiakou)' },
  'cn-huhehaote': { 'zh-CN': '华北5（呼和浩特）', en: 'China (Hohhot)' },
  'cn-wulanchabu': { 'zh-CN': '华北6（乌兰察布）', en: 'China (Ulanqab)' },
  'cn-hangzhou': { 'zh-CN': '华东1（杭州）', en: 'China (Hangzhou)' },
  'cn-shanghai': { 'zh-CN': '华东2（上海）', en: 'China (Shanghai)' },
  'cn-nanjing': { 'zh-CN': '华东5（南京-本地地域）', en: 'China (Nanjing - Local Region)' },
  'cn-fuzhou': { 'zh-CN': '华东6（福州-本地地域）', en: 'China (Fuzhou - Local Region)' },
  'cn-wuhan-lr': { 'zh-CN': '华中1（武汉-本地地域）', en: 'China (Wuhan - Local Region)' },
  'cn-shenzhen': { 'zh-CN': '华南1（深圳）', en: 'China (Shenzhen)' },
  'cn-heyuan': { 'zh-CN': '华南2（河源）', en: 'China (Heyuan)' },
  'cn-guangzhou': { 'zh-CN': '华南3（广州）', en: 'China (Guangzhou)' },
  'cn-chengdu': { 'zh-CN': '西南1（成都）', en: 'China (Chengdu)' },
  'cn-hongkong': { 'zh-CN': '中国香港', en: 'China (Hong Kong)' },
  'ap-southeast-1': { 'zh-CN': '新加坡', en: 'Singapore' },
  'ap-northeast-1': { 'zh-CN': '日本（东京）', en: 'Japan (Tokyo)' },
  'ap-northeast-2': { 'zh-CN': '韩国（首尔）', en: 'South Korea (Seoul)' },
  'ap-southeast-3': { 'zh-CN': '马来西亚（吉隆坡）', en: 'Malaysia (Kuala Lumpur)' },
  'ap-southeast-5': { 'zh-CN': '印度尼西亚（雅加达）', en: 'Indonesia (Jakarta)' },
  'us-west-1': { 'zh-CN': '美国（硅谷）', en: 'US (Silicon Valley)' },
  'us-east-1': { 'zh-CN': '美国（弗吉尼亚）', en: 'US (Virginia)' },
  'eu-central-1': { 'zh-CN': '德国（法兰克福）', en: 'Germany (Frankfurt)' },
};

/** A region's name in the user's language (its id when the table does not know it). */
export function regionName(regionId: string, locale: Locale): string {
  return REGION_NAMES[regionId]?.[locale] ?? regionId;
}

/** Regions where Vector Retrieval Service for Milvus is published. */
export const MILVUS_REGIONS: readonly string[] = [
  'cn-hangzhou',
  'cn-shanghai',
  'cn-beijing',
  'cn-shenzhen',
  'cn-zhangjiakou',
  'cn-wulanchabu',
  'cn-hongkong',
  'ap-southeast-1',
  'eu-central-1',
];
