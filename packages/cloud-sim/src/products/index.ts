import { computeNest } from './computenest/index';
import { cs } from './cs/index';
import { ecs } from './ecs/index';
import { milvus } from './milvus/index';
import { mse } from './mse/index';
import { nlb } from './nlb/index';
import { rKvstore } from './r-kvstore/index';
import { ram } from './ram/index';
import { rds } from './rds/index';
import { ros } from './ros/index';
import { slb } from './slb/index';
import { sts } from './sts/index';
import type { ProductDef } from './types';
import { vpc } from './vpc/index';

/** Every product the local cloud serves. A new product is a new folder plus one line here. */
export const PRODUCTS: readonly ProductDef[] = [
  ecs,
  vpc,
  cs,
  rds,
  rKvstore,
  milvus,
  computeNest,
  ros,
  sts,
  ram,
  slb,
  nlb,
  mse,
];
