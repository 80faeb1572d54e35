import type { FastifyPluginAsync } from 'fastify';
import {
  listClusters,
  listMilvus,
  listPostgres,
  listRedis,
  listVpcs,
} from '@dify-console/shared/api/resources';
import type { ResourceService } from '../services/resources/resource.service';
import { registerEndpoint } from './endpoint';

export const resourcesRoutes: FastifyPluginAsync<{ resources: ResourceService }> = async (app, { resources }) => {
  registerEndpoint(app, listVpcs, ({ params, query }) => resources.listVpcs(params.regionId, query));
  registerEndpoint(app, listClusters, ({ params, query, locale }) =>
    resources.listClusters(params.regionId, { ...query, locale }),
  );
  registerEndpoint(app, listPostgres, ({ params, query, locale }) =>
    resources.listPostgres(params.regionId, { ...query, locale }),
  );
  registerEndpoint(app, listRedis, ({ params, query, locale }) =>
    resources.listRedis(params.regionId, { ...query, locale }),
  );
  registerEndpoint(app, listMilvus, ({ params, query, locale }) =>
    resources.listMilvus(params.regionId, { ...query, locale }),
  );
};
