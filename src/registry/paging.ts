/**
 * Paging fan-out: the first page, then every remaining page at once once `Link` names the last one. Pages the last
 * listing had are asked for together with the first, so listing again what is already known takes one round trip.
 */
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

export interface PagingOptions {
  perPage: number;
  signal?: AbortSignal;
  /** How many items the last listing had: its pages are asked for at once, with the first. */
  expectedItems?: number;
}

export async function fetchAllPages<T>(
  fetchPage: (page: number) => Promise<Page<T>>,
  limiter: Limiter,
  options: PagingOptions,
): Promise<AllPages<T>> {
  const maxPage = Math.max(1, Math.floor(MAX_LISTED_ITEMS / options.perPage));
  const firstPage = limiter.run(() => fetchPage(1), options.signal);
  const early = new Map<number, Promise<Page<T>>>();
  const guessed = Math.min(maxPage, Math.ceil((options.expectedItems ?? 0) / options.perPage));
  for (let page = 2; page <= guessed; page++) {
    const request = limiter.run(() => fetchPage(page), options.signal);
    // A page the listing no longer has is not awaited; its failure must not surface as unhandled.
    request.catch(() => undefined);
    early.set(page, request);
  }
  const pageAt = (page: number): Promise<Page<T>> => early.get(page) ?? limiter.run(() => fetchPage(page), options.signal);

  const first = await firstPage;
  // Stryker disable next-line ConditionalExpression: without a next page the rel="next" loop below returns the same one page
  if (!first.hasNext) return { items: first.items, truncated: false, requests: 1 + early.size };

  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: GitHub names a last page only past page 1
  if (first.lastPage !== undefined && first.lastPage > 1) {
    const last = Math.min(first.lastPage, maxPage);
    const rest = await Promise.all(Array.from({ length: last - 1 }, (_, index) => pageAt(index + 2)));
    return {
      items: first.items.concat(...rest.map((page) => page.items)),
      truncated: first.lastPage > maxPage,
      requests: Math.max(last, guessed),
    };
  }

  // No rel="last": follow rel="next" one page at a time.
  const items = [...first.items];
  let page = first;
  let requests = 1;
  while (page.hasNext && page.page < maxPage) {
    page = await pageAt(page.page + 1);
    items.push(...page.items);
    requests++;
  }
  return { items, truncated: page.hasNext, requests: Math.max(requests, guessed) };
}
