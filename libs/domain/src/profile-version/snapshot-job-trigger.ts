/** What queued a snapshot job: the version's publication, a user, or a slot of its refresh schedule. */
export type SnapshotJobTrigger = 'publish' | 'manual_refresh' | 'scheduled_refresh';
