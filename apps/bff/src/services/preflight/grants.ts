import { isCloudErrorOfKind } from '../../errors/cloud-error-kind';
import type { RamPort } from '../../ports/preflight';
import { evaluatePolicies, type PolicyGrant } from './policies';

/** The guide's policies of a RAM user, or the code with which RAM refused to tell. */
export async function userGrants(ram: RamPort, userName: string): Promise<PolicyGrant[] | { denied: string }> {
  try {
    const [direct, groups] = await Promise.all([ram.listPoliciesForUser(userName), ram.listGroupsForUser(userName)]);
    const groupPolicies = await Promise.all(
      groups.map(async (g) => ({ name: g.GroupName, policies: (await ram.listPoliciesForGroup(g.GroupName)).map((x) => x.PolicyName) })),
    );
    return evaluatePolicies({ direct: direct.map((x) => x.PolicyName), groups: groupPolicies });
  } catch (err) {
    if (isCloudErrorOfKind(err, 'forbidden')) return { denied: err.code };
    throw err;
  }
}
