import { useState } from 'react';

/**
 * How many rows a long list shows: `page` at first, `page` more on each showMore(), and back to
 * `page` whenever `key` changes (another brand, another search or filter), reset during render
 * so the longer list is never shown for the new key.
 */
export function usePageLimit(page: number, key: string): { limit: number; showMore: () => void } {
  const [state, setState] = useState({ key, limit: page });
  let limit = state.limit;
  if (state.key !== key) {
    limit = page;
    setState({ key, limit });
  }
  return { limit, showMore: () => setState({ key, limit: limit + page }) };
}
