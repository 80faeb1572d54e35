import { z } from 'zod';
import type { CloudTransport } from './pop-client';
import { parseWire } from './wire';

const GetCallerIdentityWire = z.looseObject({
  AccountId: z.union([z.string(), z.number()]).transform(String),
  IdentityType: z.string().optional(),
  Arn: z.string().optional(),
  UserId: z.string().optional(),
  PrincipalId: z.string().optional(),
});

export class StsGateway {
  constructor(private readonly transport: CloudTransport) {}

  /** GetCallerIdentity: who the console's credentials belong to (needs no permission). */
  async getCallerIdentity() {
    const raw = await this.transport.rpc('sts', 'cn-hangzhou', 'GetCallerIdentity');
    return parseWire(GetCallerIdentityWire, raw, 'GetCallerIdentity');
  }
}
