// Real public endpoints per product: HostId of error bodies, RegionEndpoint fields.
const RDS_CENTRAL = new Set([
  'cn-qingdao',
  'cn-beijing',
  'cn-hangzhou',
  'cn-shanghai',
  'cn-shenzhen',
  'cn-heyuan',
  'cn-hongkong',
  'ap-southeast-1',
  'us-west-1',
  'us-east-1',
]);
const KVSTORE_CENTRAL = new Set([
  'cn-qingdao',
  'cn-beijing',
  'cn-wulanchabu',
  'cn-hangzhou',
  'cn-shanghai',
  'cn-heyuan',
]);

export const hosts = {
  ecs: (r?: string) =>
    r === undefined
      ? 'ecs.aliyuncs.com'
      : r === 'cn-hangzhou'
        ? 'ecs-cn-hangzhou.aliyuncs.com'
        : `ecs.${r}.aliyuncs.com`,
  vpc: (r?: string) =>
    r === undefined || r === 'cn-hangzhou' ? 'vpc.aliyuncs.com' : `vpc.${r}.aliyuncs.com`,
  rds: (r?: string) =>
    r === undefined || RDS_CENTRAL.has(r) ? 'rds.aliyuncs.com' : `rds.${r}.aliyuncs.com`,
  kvstore: (r?: string) =>
    r === undefined || KVSTORE_CENTRAL.has(r)
      ? 'r-kvstore.aliyuncs.com'
      : `r-kvstore.${r}.aliyuncs.com`,
  cs: (r?: string) => (r === undefined ? 'cs.aliyuncs.com' : `cs.${r}.aliyuncs.com`),
  milvus: (r?: string) => `milvus.${r ?? 'cn-hangzhou'}.aliyuncs.com`,
  // Only two endpoints exist; any other region falls back to the China site's host.
  computenest: (r?: string) =>
    r === 'ap-southeast-1'
      ? 'computenest.ap-southeast-1.aliyuncs.com'
      : 'computenest.cn-hangzhou.aliyuncs.com',
  slb: (r?: string) =>
    r === undefined ||
    r === 'cn-hangzhou' ||
    r === 'cn-qingdao' ||
    r === 'cn-beijing' ||
    r === 'cn-shanghai' ||
    r === 'cn-shenzhen' ||
    r === 'cn-hongkong' ||
    r === 'ap-southeast-1' ||
    r === 'us-west-1' ||
    r === 'us-east-1'
      ? 'slb.aliyuncs.com'
      : `slb.${r}.aliyuncs.com`,
  nlb: (r?: string) => `nlb.${r ?? 'cn-hangzhou'}.aliyuncs.com`,
  ros: (r?: string) => (r === undefined ? 'ros.aliyuncs.com' : `ros.${r}.aliyuncs.com`),
  sts: (r?: string) => (r === undefined ? 'sts.aliyuncs.com' : `sts.${r}.aliyuncs.com`),
  // Global only.
  ram: () => 'ram.aliyuncs.com',
};
