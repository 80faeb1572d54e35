import type { QueryFunction, QueryKey } from '@tanstack/react-query';
import type { FetchOptions } from './resource-keys';

export interface PagedFetchOptions extends FetchOptions {
  /** Ask for the first page only: the BFF answers it as soon as the cloud has (`complete: false` when more follow). */
  firstPage?: boolean;
}

/**
 * The query function of a paged listing: the first page as soon as the BFF has it (shown at once
 * when the picker has nothing yet), then the whole list, which the BFF answers from the listing
 * already in progress, so the cloud is listed once. A refresh keeps the shown list until the
 * whole new one is in.
 */
export function pagedListing<L extends { complete: boolean }>(
  fetchList: (options: PagedFetchOptions) => Promise<L>,
  refresh: boolean,
): QueryFunction<L, QueryKey> {
  return async ({ signal, client, queryKey }) => {
    const first = await fetchList({ firstPage: true, refresh, signal });
    if (first.complete) return first;
    if (client.getQueryData(queryKey) === undefined) client.setQueryData(queryKey, first);
    return fetchList({ signal });
  };
}
