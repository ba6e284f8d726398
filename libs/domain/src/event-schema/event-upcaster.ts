/** The data of a stored event, before it is known to have the shape of its type's current version. */
export type StoredEventData = Readonly<Record<string, unknown>>;

/**
 * Turns the data of one event type stored at `fromVersion` into its shape at `fromVersion + 1`.
 * Pure, and total on every event ever written at that version: upcasting runs on every read.
 */
export interface EventUpcaster {
  readonly eventType: string;
  readonly fromVersion: number;
  readonly upcast: (data: StoredEventData) => Record<string, unknown>;
}

/**
 * The schema versions of the event types: the version each type is written at now, and the
 * upcasters that bring any older stored version up to it, one step at a time. An event stored
 * without a version is at version 1.
 */
export interface EventSchemas {
  /** Types not listed are at version 1. */
  readonly currentVersions: Readonly<Record<string, number>>;
  readonly upcasters: readonly EventUpcaster[];
}
