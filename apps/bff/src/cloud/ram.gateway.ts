import { z } from 'zod';
import type { CloudTransport } from './pop-client';
import { parseWire } from './wire';

/**
 * RAM (2015-05-01, RPC): the policies of a RAM user, directly and through its
 * groups. The caller needs ram:List* (e.g. AliyunRAMReadOnlyAccess); a refusal is the caller's
 * problem to read, not a sign that a policy is missing.
 */

const PolicyWire = z.looseObject({
  PolicyName: z.string(),
  PolicyType: z.string().nullish().transform((v) => v ?? ''),
});
const PoliciesWire = z.looseObject({
  Policies: z.looseObject({ Policy: z.array(PolicyWire).nullish().transform((v) => v ?? []) }).nullish(),
});
const GroupsWire = z.looseObject({
  Groups: z
    .looseObject({ Group: z.array(z.looseObject({ GroupName: z.string() })).nullish().transform((v) => v ?? []) })
    .nullish(),
});

export class RamGateway {
  constructor(private readonly transport: CloudTransport) {}

  /** ListPoliciesForUser: policies attached to the user itself (not through groups). */
  async listPoliciesForUser(userName: string) {
    const raw = await this.transport.rpc('ram', 'cn-hangzhou', 'ListPoliciesForUser', { UserName: userName });
    return parseWire(PoliciesWire, raw, 'ListPoliciesForUser').Policies?.Policy ?? [];
  }

  /** ListGroupsForUser: the groups the user belongs to. */
  async listGroupsForUser(userName: string) {
    const raw = await this.transport.rpc('ram', 'cn-hangzhou', 'ListGroupsForUser', { UserName: userName });
    return parseWire(GroupsWire, raw, 'ListGroupsForUser').Groups?.Group ?? [];
  }

  /** ListPoliciesForGroup: policies attached to a group. */
  async listPoliciesForGroup(groupName: string) {
    const raw = await this.transport.rpc('ram', 'cn-hangzhou', 'ListPoliciesForGroup', { GroupName: groupName });
    return parseWire(PoliciesWire, raw, 'ListPoliciesForGroup').Policies?.Policy ?? [];
  }
}
