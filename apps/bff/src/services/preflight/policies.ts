import type { Localized } from '@dify-console/shared/domain/i18n';

/**
 * The permission table ("权限策略") of the deployment guide of Dify on Compute Nest: the eight RAM system policies a RAM user
 * needs to deploy Dify through Compute Nest, with what each is for. AdministratorAccess implies
 * all of them. `AliyunMilvusFullAccess` is the guide's name and is NOT confirmed on RAM's
 * system-policy reference (only AliyunMilvusReadOnlyAccess is), and the read-only policy is not
 * enough: Milvus counts as granted by AliyunMilvusFullAccess or AdministratorAccess only.
 */
export const GUIDE_POLICIES: readonly { name: string; purpose: Localized }[] = [
  { name: 'AliyunECSFullAccess', purpose: { 'zh-CN': '管理云服务器服务（ECS）的权限', en: 'Manage Elastic Compute Service (ECS)' } },
  { name: 'AliyunVPCFullAccess', purpose: { 'zh-CN': '管理专有网络（VPC）的权限', en: 'Manage Virtual Private Cloud (VPC)' } },
  { name: 'AliyunROSFullAccess', purpose: { 'zh-CN': '管理资源编排服务（ROS）的权限', en: 'Manage Resource Orchestration Service (ROS)' } },
  { name: 'AliyunCSFullAccess', purpose: { 'zh-CN': '管理容器服务（CS）的权限', en: 'Manage Container Service for Kubernetes (ACK)' } },
  { name: 'AliyunKvstoreFullAccess', purpose: { 'zh-CN': '管理云数据库Tair（兼容 Redis）的权限', en: 'Manage Tair (Redis-compatible) databases' } },
  { name: 'AliyunRDSFullAccess', purpose: { 'zh-CN': '管理云数据库服务（RDS）的权限', en: 'Manage ApsaraDB RDS databases' } },
  { name: 'AliyunMilvusFullAccess', purpose: { 'zh-CN': '管理 Milvus 的权限', en: 'Manage Milvus' } },
  {
    name: 'AliyunComputeNestUserFullAccess',
    purpose: { 'zh-CN': '管理计算巢服务的用户侧权限', en: 'Manage Compute Nest (user side)' },
  },
];

export const ADMINISTRATOR = 'AdministratorAccess';
export const MILVUS_POLICY = 'AliyunMilvusFullAccess';

export interface UserPolicies {
  direct: readonly string[];
  groups: readonly { name: string; policies: readonly string[] }[];
}

export interface PolicyGrant {
  name: string;
  status: 'granted' | 'missing';
  /** `user`, `group:<name>`, `AdministratorAccess`; null when missing. */
  via: string | null;
}

/** Where each guide policy comes from for a RAM user: directly, through a group, or AdministratorAccess. */
export function evaluatePolicies(user: UserPolicies): PolicyGrant[] {
  const admin = user.direct.includes(ADMINISTRATOR) || user.groups.some((g) => g.policies.includes(ADMINISTRATOR));
  return GUIDE_POLICIES.map(({ name }) => {
    if (user.direct.includes(name)) return { name, status: 'granted', via: 'user' };
    const group = user.groups.find((g) => g.policies.includes(name));
    if (group) return { name, status: 'granted', via: `group:${group.name}` };
    if (admin) return { name, status: 'granted', via: ADMINISTRATOR };
    return { name, status: 'missing', via: null };
  });
}

/** `acs:ram::<uid>:user/<name>` → `<name>`; null for other identities. */
export function ramUserName(arn: string): string | null {
  const m = /:user\/(.+)$/.exec(arn);
  return m?.[1] ?? null;
}
