export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 100;

export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

/**
 * Slices a list the way GitHub does: `per_page` (default 30, silently capped at 100) and `page`
 * (1-based), with a Link header carrying prev/next/last/first built on the request's own URL.
 */
export function paginate<T>(items: readonly T[], query: Record<string, unknown>, requestUrl: URL): Page<T> {
  const requested = typeof query.per_page === 'number' ? query.per_page : DEFAULT_PER_PAGE;
  const perPage = Math.min(Math.max(Math.trunc(requested), 1), MAX_PER_PAGE);
  const page = Math.max(Math.trunc(typeof query.page === 'number' ? query.page : 1), 1);
  const lastPage = Math.max(Math.ceil(items.length / perPage), 1);
  const start = (page - 1) * perPage;
  const links: string[] = [];
  const linkTo = (target: number, rel: string) => {
    const url = new URL(requestUrl.href);
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(target));
    links.push(`<${url.href}>; rel="${rel}"`);
  };
  if (page > 1) linkTo(Math.min(page - 1, lastPage), 'prev');
  if (page < lastPage) {
    linkTo(page + 1, 'next');
    linkTo(lastPage, 'last');
  }
  if (page > 1) linkTo(1, 'first');
  return { items: items.slice(start, start + perPage), headers: links.length > 0 ? { link: links.join(', ') } : {} };
}
