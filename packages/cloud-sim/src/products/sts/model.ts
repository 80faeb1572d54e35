import { randomBytes } from 'node:crypto';
import { storeKey } from '../../state/registry';

// Temporary credentials STS issued (AssumeRole): an `STS.`-prefixed AccessKey pair with its
// security token, valid until `expiresAt` (simulated time). Kept after expiry so that a late use
// answers InvalidSecurityToken.Expired rather than an unknown key.

export interface StsSession {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  expiresAt: number;
  roleName: string;
  roleId: string;
  roleArn: string;
  sessionName: string;
}

export interface StsStore {
  /** By AccessKeyId. */
  sessions: Map<string, StsSession>;
}

export const STS_STORE = storeKey<StsStore>('sts', () => ({ sessions: new Map() }));

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const alnum = (n: number) =>
  [...randomBytes(n)].map((b) => ALNUM[b % ALNUM.length] ?? 'A').join('');

export function newSession(
  role: { RoleName: string; RoleId: string; Arn: string },
  sessionName: string,
  expiresAt: number,
): StsSession {
  return {
    accessKeyId: `STS.${alnum(24)}`,
    accessKeySecret: alnum(44),
    // Real tokens are long base64 blobs that start with CAIS.
    securityToken: `CAIS${randomBytes(180).toString('base64')}`,
    expiresAt,
    roleName: role.RoleName,
    roleId: role.RoleId,
    roleArn: role.Arn,
    sessionName,
  };
}
