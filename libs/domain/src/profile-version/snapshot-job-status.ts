/** A snapshot job's status: `queued` and `running` are active (at most one per version), the others final. */
export type SnapshotJobStatus = 'queued' | 'running' | 'succeeded' | 'failed';
