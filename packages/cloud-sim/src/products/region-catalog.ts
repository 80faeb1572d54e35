/** The regions the local cloud answers for (ECS/VPC DescribeRegions), whether or not an account has resources there. */
export interface RegionInfo {
  regionId: string;
  zh: string;
  en: string;
  /** Zone letters, e.g. `k` for `cn-hangzhou-k`. */
  zones: readonly string[];
  /** Short city name used in zone display names. */
  cityZh: string;
  cityEn: string;
}

export const REGIONS: readonly RegionInfo[] = [
  {
    regionId: 'cn-qingdao',
    zh: '华北1（青岛）',
    en: 'China (Qingdao)',
    zones: ['b', 'c'],
    cityZh: '青岛',
    cityEn: 'Qingdao',
  },
  {
    regionId: 'cn-beijing',
    zh: '华北2（北京）',
    en: 'China (Beijing)',
    zones: ['g', 'h', 'i', 'j', 'k', 'l'],
    cityZh: '北京',
    cityEn: 'Beijing',
  },
  {
    regionId: 'cn-zhangjiakou',
    zh: '华北3（张家口）',
    en: 'China (Zhangjiakou)',
    zones: ['a', 'b', 'c'],
    cityZh: '张家口',
    cityEn: 'Zhangjiakou',
  },
  {
    regionId: 'cn-wulanchabu',
    zh: '华北6（乌兰察布）',
    en: 'China (Ulanqab)',
    zones: ['a', 'b', 'c'],
    cityZh: '乌兰察布',
    cityEn: 'Ulanqab',
  },
  {
    regionId: 'cn-hangzhou',
    zh: '华东1（杭州）',
    en: 'China (Hangzhou)',
    zones: ['h', 'i', 'j', 'k'],
    cityZh: '杭州',
    cityEn: 'Hangzhou',
  },
  {
    regionId: 'cn-shanghai',
    zh: '华东2（上海）',
    en: 'China (Shanghai)',
    zones: ['e', 'f', 'g', 'l'],
    cityZh: '上海',
    cityEn: 'Shanghai',
  },
  {
    regionId: 'cn-shenzhen',
    zh: '华南1（深圳）',
    en: 'China (Shenzhen)',
    zones: ['d', 'e', 'f'],
    cityZh: '深圳',
    cityEn: 'Shenzhen',
  },
  {
    regionId: 'cn-chengdu',
    zh: '西南1（成都）',
    en: 'China (Chengdu)',
    zones: ['a', 'b'],
    cityZh: '成都',
    cityEn: 'Chengdu',
  },
  {
    regionId: 'cn-hongkong',
    zh: '中国香港',
    en: 'China (Hong Kong)',
    zones: ['b', 'c', 'd'],
    cityZh: '香港',
    cityEn: 'Hong Kong',
  },
  {
    regionId: 'ap-southeast-1',
    zh: '新加坡',
    en: 'Singapore',
    zones: ['a', 'b', 'c'],
    cityZh: '新加坡',
    cityEn: 'Singapore',
  },
  {
    regionId: 'us-west-1',
    zh: '美国（硅谷）',
    en: 'US (Silicon Valley)',
    zones: ['a', 'b'],
    cityZh: '硅谷',
    cityEn: 'Silicon Valley',
  },
  {
    regionId: 'eu-central-1',
    zh: '德国（法兰克福）',
    en: 'Germany (Frankfurt)',
    zones: ['a', 'b'],
    cityZh: '法兰克福',
    cityEn: 'Frankfurt',
  },
];

export function findRegion(regionId: string): RegionInfo | undefined {
  return REGIONS.find((r) => r.regionId === regionId);
}

export function isEnglish(acceptLanguage: string | undefined): boolean {
  return (acceptLanguage ?? '').toLowerCase().startsWith('en');
}

export function zoneLocalName(region: RegionInfo, zone: string, english: boolean): string {
  return english
    ? `${region.cityEn} Zone ${zone.toUpperCase()}`
    : `${region.cityZh} 可用区${zone.toUpperCase()}`;
}
