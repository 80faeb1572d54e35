import { useMemo } from 'react';
import { useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useT } from '../../../lib/i18n/use-t';
import { clustersQueryOptions, useClusters } from '../api/list-clusters';
import { milvusQueryOptions, useMilvus } from '../api/list-milvus';
import { postgresQueryOptions, usePostgres } from '../api/list-postgres';
import { redisQueryOptions, useRedis } from '../api/list-redis';
import { useVpcs, vpcsQueryOptions } from '../api/list-vpcs';
import { ListPicker, type ListState, type ResourcePickerProps } from './list-picker';
import { clusterItem, milvusItem, postgresItem, redisItem, vpcItem, type PickerItem } from './picker-items';

export type { ResourcePickerProps } from './list-picker';

/** A select of the region's resources of one kind, with refresh and create links. */
export function ResourcePicker(props: ResourcePickerProps) {
  switch (props.kind) {
    case 'vpc':
      return <VpcPicker {...props} />;
    case 'cluster':
      return <ClusterPicker {...props} />;
    case 'postgres':
      return <PostgresPicker {...props} />;
    case 'redis':
      return <RedisPicker {...props} />;
    case 'milvus':
      return <MilvusPicker {...props} />;
  }
}

function useListState<T>(
  query: UseQueryResult<{ items: T[] }>,
  toItem: (item: T) => PickerItem,
  refresh: () => Promise<unknown>,
): ListState {
  const { data } = query;
  const items = useMemo(() => data?.items.map(toItem), [data, toItem]);
  return {
    items,
    isLoading: query.isLoading,
    isFetching: query.isFetching,
    error: query.error,
    retry: () => void query.refetch(),
    refresh: () => void refresh().catch(() => undefined),
  };
}

function useFilter(props: ResourcePickerProps) {
  const { locale } = useT();
  return { lang: locale, regionId: props.regionId ?? '', vpcId: props.vpcId };
}

function VpcPicker(props: ResourcePickerProps) {
  const { t } = useT();
  const client = useQueryClient();
  const { lang, regionId } = useFilter(props);
  const filter = { lang, regionId };
  const query = useVpcs(filter, Boolean(props.regionId));
  const toItem = useMemo(() => (v: Parameters<typeof vpcItem>[0]) => vpcItem(v, t), [t]);
  const list = useListState(query, toItem, () =>
    client.fetchQuery({ ...vpcsQueryOptions(filter, { refresh: true }), staleTime: 0 }),
  );
  return <ListPicker {...props} list={list} />;
}

function ClusterPicker(props: ResourcePickerProps) {
  const { t } = useT();
  const client = useQueryClient();
  const filter = useFilter(props);
  const query = useClusters(filter, Boolean(props.regionId));
  const toItem = useMemo(() => (c: Parameters<typeof clusterItem>[0]) => clusterItem(c, t), [t]);
  const list = useListState(query, toItem, () =>
    client.fetchQuery({ ...clustersQueryOptions(filter, { refresh: true }), staleTime: 0 }),
  );
  return <ListPicker {...props} list={list} />;
}

function PostgresPicker(props: ResourcePickerProps) {
  const { t } = useT();
  const client = useQueryClient();
  const filter = useFilter(props);
  const query = usePostgres(filter, Boolean(props.regionId));
  const toItem = useMemo(() => (x: Parameters<typeof postgresItem>[0]) => postgresItem(x, t), [t]);
  const list = useListState(query, toItem, () =>
    client.fetchQuery({ ...postgresQueryOptions(filter, { refresh: true }), staleTime: 0 }),
  );
  return <ListPicker {...props} list={list} />;
}

function RedisPicker(props: ResourcePickerProps) {
  const { t } = useT();
  const client = useQueryClient();
  const filter = useFilter(props);
  const query = useRedis(filter, Boolean(props.regionId));
  const toItem = useMemo(() => (x: Parameters<typeof redisItem>[0]) => redisItem(x, t), [t]);
  const list = useListState(query, toItem, () =>
    client.fetchQuery({ ...redisQueryOptions(filter, { refresh: true }), staleTime: 0 }),
  );
  return <ListPicker {...props} list={list} />;
}

function MilvusPicker(props: ResourcePickerProps) {
  const { t } = useT();
  const client = useQueryClient();
  const filter = useFilter(props);
  const query = useMilvus(filter, Boolean(props.regionId));
  const toItem = useMemo(() => (x: Parameters<typeof milvusItem>[0]) => milvusItem(x, t), [t]);
  const list = useListState(query, toItem, () =>
    client.fetchQuery({ ...milvusQueryOptions(filter, { refresh: true }), staleTime: 0 }),
  );
  return <ListPicker {...props} list={list} />;
}
