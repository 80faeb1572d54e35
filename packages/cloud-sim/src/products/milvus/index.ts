import { MILVUS_ROUTES } from '../catalog';
import { hosts } from '../hosts';
import type { ProductDef } from '../types';
import { getInstanceDetail } from './get-instance-detail';
import { listInstances } from './list-instances';
import { MILVUS_STORE } from './model';

export const milvus: ProductDef = {
  code: 'milvus',
  version: '2023-10-12',
  style: 'ROA',
  host: hosts.milvus,
  catalog: MILVUS_ROUTES.map((r) => r.action),
  routes: MILVUS_ROUTES,
  actions: { ListInstances: listInstances, GetInstanceDetail: getInstanceDetail },
  seed(account, scenario) {
    for (const m of scenario.milvusInstances)
      account.store(m.RegionId, MILVUS_STORE).instances.set(m.InstanceId, structuredClone(m));
  },
};
