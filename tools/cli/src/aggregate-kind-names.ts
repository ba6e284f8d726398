/** What `replay status` takes as KIND; kept apart from the kinds themselves, which load the domain. */
export const AGGREGATE_KIND_NAMES = ['snapshot', 'version', 'sandbox'] as const;

export type AggregateKindName = (typeof AGGREGATE_KIND_NAMES)[number];

export function isAggregateKindName(name: string): name is AggregateKindName {
  return (AGGREGATE_KIND_NAMES as readonly string[]).includes(name);
}
