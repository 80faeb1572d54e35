import { z } from 'zod';
import type { CloudTransport } from './pop-client';
import { parseWire } from './wire';

/**
 * ROS (2019-09-10, RPC): GetTemplateSummary reads a template's parameter declarations from its
 * URL, as a real account can (the fields of the official GetTemplateSummaryResponseBody).
 */
const GetTemplateSummaryWire = z.looseObject({
  RequestId: z.string().optional(),
  Parameters: z
    .array(z.record(z.string(), z.unknown()))
    .nullish()
    .transform((v) => v ?? []),
  Metadata: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((v) => v ?? {}),
  Description: z.unknown().optional(),
  Version: z.string().nullish(),
});

export class RosGateway {
  constructor(
    private readonly transport: CloudTransport,
    /** The region the ROS API is called in (the Compute Nest API region). */
    private readonly regionId: string,
  ) {}

  async getTemplateSummary(templateUrl: string) {
    const raw = await this.transport.rpc('ros', this.regionId, 'GetTemplateSummary', { RegionId: this.regionId, TemplateURL: templateUrl });
    return parseWire(GetTemplateSummaryWire, raw, 'GetTemplateSummary');
  }
}
