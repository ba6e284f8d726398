import { newestFirst } from '../newest-first.js';

/**
 * The resource with exactly this (case-sensitive) name. Names are unique among a workspace's live
 * resources of a kind (the name guard); were that ever broken, the newest would win, so the answer
 * still never depends on delivery order.
 */
export function findByName<View extends { id: string; name: string; createdAt: string }>(
  views: View[],
  name: string,
): View | undefined {
  return views.filter((view) => view.name === name).sort(newestFirst)[0];
}
