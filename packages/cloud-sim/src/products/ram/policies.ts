// The system policies the local cloud knows: what each allows, as RAM action patterns
// (`service:Action`, `*` wildcards, matched case-insensitively like RAM does).
//
// Names: the ones the Dify-on-ACK quickstart asks for plus read-only variants.
// AliyunMilvusFullAccess is named by the quickstart but NOT found on RAM's system-policy reference
// (only AliyunMilvusReadOnlyAccess is); it is kept because the guide asks for it — UNCONFIRMED.
// The real policy documents are larger (e.g. ram:CreateServiceLinkedRole statements); only the
// service-wide grants matter here. AliyunComputeNestUserFullAccess: computenest:* (its real
// document's extra statements UNCONFIRMED).

export interface SystemPolicy {
  PolicyName: string;
  Description: string;
  DefaultVersion: string;
  allow: readonly string[];
}

const p = (
  PolicyName: string,
  Description: string,
  allow: string[],
  DefaultVersion = 'v1',
): SystemPolicy => ({
  PolicyName,
  Description,
  DefaultVersion,
  allow,
});

export const SYSTEM_POLICIES: readonly SystemPolicy[] = [
  p('AdministratorAccess', '管理所有阿里云资源的权限', ['*']),
  p('AliyunECSFullAccess', '管理云服务器服务(ECS)的权限', ['ecs:*']),
  p('AliyunECSReadOnlyAccess', '只读访问云服务器服务(ECS)的权限', ['ecs:Describe*', 'ecs:List*']),
  p('AliyunVPCFullAccess', '管理专有网络(VPC)的权限', ['vpc:*']),
  p('AliyunVPCReadOnlyAccess', '只读访问专有网络(VPC)的权限', [
    'vpc:Describe*',
    'vpc:List*',
    'vpc:Get*',
  ]),
  p('AliyunROSFullAccess', '管理资源编排服务(ROS)的权限', ['ros:*']),
  p('AliyunCSFullAccess', '管理容器服务(CS)的权限', ['cs:*']),
  p('AliyunCSReadOnlyAccess', '只读访问容器服务(CS)的权限', [
    'cs:Describe*',
    'cs:Get*',
    'cs:List*',
    'cs:Check*',
    'cs:Query*',
  ]),
  p('AliyunKvstoreFullAccess', '管理云数据库 Tair(兼容 Redis)的权限', ['kvstore:*']),
  p('AliyunKvstoreReadOnlyAccess', '只读访问云数据库 Tair(兼容 Redis)的权限', [
    'kvstore:Describe*',
    'kvstore:List*',
  ]),
  p('AliyunRDSFullAccess', '管理云数据库服务(RDS)的权限', ['rds:*']),
  p('AliyunRDSReadOnlyAccess', '只读访问云数据库服务(RDS)的权限', ['rds:Describe*', 'rds:List*']),
  p('AliyunMilvusFullAccess', '管理向量检索服务 Milvus 版的权限', ['milvus:*']),
  p('AliyunMilvusReadOnlyAccess', 'Milvus产品管控页面的只读权限', [
    'milvus:Query*',
    'milvus:Describe*',
    'milvus:List*',
    'milvus:Get*',
  ]),
  p('AliyunComputeNestUserFullAccess', '管理计算巢服务(ComputeNest)的权限', ['computenest:*']),
  p('AliyunComputeNestUserReadOnlyAccess', '只读访问计算巢服务(ComputeNest)的权限', [
    'computenest:Get*',
    'computenest:List*',
    'computenest:Check*',
  ]),
  p('AliyunRAMFullAccess', '管理访问控制(RAM)的权限', ['ram:*']),
  p('AliyunRAMReadOnlyAccess', '只读访问访问控制(RAM)的权限', ['ram:Get*', 'ram:List*']),
  p('AliyunSLBFullAccess', '管理负载均衡服务(SLB)的权限', ['slb:*']),
  p('AliyunNASFullAccess', '管理文件存储服务(NAS)的权限', ['nas:*']),
];

/** The policies the Dify-on-ACK guide asks a RAM user to hold (the console's checklist). */
export const GUIDE_POLICIES = [
  'AliyunECSFullAccess',
  'AliyunVPCFullAccess',
  'AliyunROSFullAccess',
  'AliyunCSFullAccess',
  'AliyunKvstoreFullAccess',
  'AliyunRDSFullAccess',
  'AliyunMilvusFullAccess',
  'AliyunComputeNestUserFullAccess',
] as const;

export function systemPolicy(name: string): SystemPolicy | undefined {
  return SYSTEM_POLICIES.find((x) => x.PolicyName === name);
}

function matches(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return re.test(action);
}

/** Whether any of the named policies allows `service:Action`. */
export function policiesAllow(policyNames: readonly string[], action: string): boolean {
  return policyNames.some(
    (n) => systemPolicy(n)?.allow.some((pat) => matches(pat, action)) ?? false,
  );
}
