/**
 * Orders read-model items newest first, equal creation times by id, so that pages never overlap or
 * skip. Times are compared as instants, whatever their precision (`…00Z` and `…00.000Z` are equal).
 */
export function newestFirst(a: { id: string; createdAt: string }, b: { id: string; createdAt: string }): number {
  const byCreation = Date.parse(b.createdAt) - Date.parse(a.createdAt);
  if (byCreation !== 0 && !Number.isNaN(byCreation)) return byCreation;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
