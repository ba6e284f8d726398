import { newestFirst } from './newest-first.js';

export interface ResourceListQuery {
  /** Case-insensitive substring of the name. */
  nameContains?: string;
  limit: number;
  offset: number;
}

export interface ResourceListPage<View> {
  items: View[];
  /** How many match, across all pages. */
  total: number;
}

/**
 * One page of a workspace's named resources, filtered by name: newest first, equal creation times by
 * id, so that pages never overlap or skip.
 */
export function listResources<View extends { id: string; name: string; createdAt: string }>(
  views: View[],
  query: ResourceListQuery,
): ResourceListPage<View> {
  const needle = query.nameContains?.toLowerCase() ?? '';
  const matching = views.filter((view) => view.name.toLowerCase().includes(needle)).sort(newestFirst);
  return { items: matching.slice(query.offset, query.offset + query.limit), total: matching.length };
}
