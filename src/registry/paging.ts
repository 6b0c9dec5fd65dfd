/** Paging fan-out: the first page, then every remaining page at once once `Link` names the last one. */
import type { Page } from '../github/types';
import type { Limiter } from './limiter';

/** GitHub refuses listings past `page * per_page > 10000`. */
export const MAX_LISTED_ITEMS = 10_000;

export interface AllPages<T> {
  items: T[];
  /** More exist than GitHub lets a listing reach. */
  truncated: boolean;
  /** Requests made (for the benchmark and tests). */
  requests: number;
}

export async function fetchAllPages<T>(
  fetchPage: (page: number) => Promise<Page<T>>,
  limiter: Limiter,
  options: { perPage: number; signal?: AbortSignal },
): Promise<AllPages<T>> {
  const maxPage = Math.max(1, Math.floor(MAX_LISTED_ITEMS / options.perPage));
  const first = await limiter.run(() => fetchPage(1), options.signal);
  // Stryker disable next-line ConditionalExpression: without a next page the rel="next" loop below returns the same one page
  if (!first.hasNext) return { items: first.items, truncated: false, requests: 1 };

  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: GitHub names a last page only past page 1
  if (first.lastPage !== undefined && first.lastPage > 1) {
    const last = Math.min(first.lastPage, maxPage);
    const rest = await Promise.all(Array.from({ length: last - 1 }, (_, index) => limiter.run(() => fetchPage(index + 2), options.signal)));
    return { items: first.items.concat(...rest.map((page) => page.items)), truncated: first.lastPage > maxPage, requests: last };
  }

  // No rel="last": follow rel="next" one page at a time.
  const items = [...first.items];
  let page = first;
  let requests = 1;
  while (page.hasNext && page.page < maxPage) {
    const next = page.page + 1;
    page = await limiter.run(() => fetchPage(next), options.signal);
    items.push(...page.items);
    requests++;
  }
  return { items, truncated: page.hasNext, requests };
}
