import type { IdentityPort } from '../ports/resources';
import { SingleFlight } from '../lib/utils';

/** The account the console's credentials belong to (STS GetCallerIdentity, asked once). */
export class AccountContext {
  private accountId: string | null = null;
  private readonly flight = new SingleFlight<string>();

  constructor(private readonly identity: IdentityPort) {}

  async id(): Promise<string> {
    if (this.accountId) return this.accountId;
    const id = await this.flight.run('self', async () => (await this.identity.getCallerIdentity()).AccountId);
    this.accountId = id;
    return id;
  }
}
