import type { CloudSetup } from '../config/cloud';
import { ComputeNestGateway } from './computenest.gateway';
import { CsGateway } from './cs.gateway';
import { EcsGateway } from './ecs.gateway';
import { KvstoreGateway } from './kvstore.gateway';
import { MilvusGateway } from './milvus.gateway';
import { MseGateway } from './mse.gateway';
import { createTransport, type CloudCallEvent, type RetryPolicy } from './pop-client';
import { RamGateway } from './ram.gateway';
import { RdsGateway } from './rds.gateway';
import { RosGateway } from './ros.gateway';
import { StsGateway } from './sts.gateway';
import { VpcGateway } from './vpc.gateway';

export interface CloudGateways {
  ecs: EcsGateway;
  vpc: VpcGateway;
  cs: CsGateway;
  rds: RdsGateway;
  kvstore: KvstoreGateway;
  milvus: MilvusGateway;
  mse: MseGateway;
  sts: StsGateway;
  ram: RamGateway;
  computeNest: ComputeNestGateway;
  ros: RosGateway;
}

export function createGateways(
  cloud: CloudSetup,
  options: { retry?: Partial<RetryPolicy>; onCall?: (e: CloudCallEvent) => void } = {},
): CloudGateways {
  const transport = createTransport(cloud, options);
  return {
    ecs: new EcsGateway(transport),
    vpc: new VpcGateway(transport),
    cs: new CsGateway(transport),
    rds: new RdsGateway(transport),
    kvstore: new KvstoreGateway(transport),
    milvus: new MilvusGateway(transport),
    mse: new MseGateway(transport),
    sts: new StsGateway(transport),
    ram: new RamGateway(transport),
    computeNest: new ComputeNestGateway(transport, cloud.computeNestRegion),
    ros: new RosGateway(transport, cloud.computeNestRegion),
  };
}
