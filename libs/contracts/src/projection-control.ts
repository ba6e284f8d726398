import type { ServiceName } from './services.js';

/**
 * Live projection control: every instance of every service that keeps read models answers these
 * on its own plain NATS subscription (no queue group), so one request reaches all instances.
 * Payloads are plain JSON, not Nest's framing. A failed request is answered with
 * `ProjectionControlError`; positions are `commit:prepare` text.
 */
export const projectionControlSubjects = {
  /** Broadcast: every instance answers with a `ProjectionInstance`; collect replies for a short window. */
  list: 'snapforge.projections.list',
  /**
   * One instance: `{ projection }` → `ProjectionDumpReply`, in as many reply messages as the
   * server's max_payload needs (their data concatenated is the JSON), then an empty message.
   */
  dump: (instanceId: string) => `snapforge.projections.${instanceId}.dump`,
  /**
   * One instance: `ProjectionRebuildRequest` → `ProjectionRebuildStarted` at once, then
   * `ProjectionRebuildProgress` messages on the request's `progressSubject` until one is final.
   */
  rebuild: (instanceId: string) => `snapforge.projections.${instanceId}.rebuild`,
} as const;

export interface ProjectionSummary {
  readonly name: string;
  /** The newest event the model has seen; absent while the store is empty. */
  readonly position?: string;
  readonly rebuilding: boolean;
}

export interface ProjectionInstance {
  readonly service: ServiceName;
  readonly instanceId: string;
  readonly projections: readonly ProjectionSummary[];
}

export interface ProjectionDumpRequest {
  readonly projection: string;
}

export interface ProjectionDumpReply {
  readonly projection: string;
  /** The position the dump reflects, taken with it between two events. */
  readonly position?: string;
  /** The model's canonical dump (libs/domain canonicalDump). */
  readonly dump: unknown;
}

export interface ProjectionRebuildRequest {
  readonly projection: string;
  /** Where the instance publishes `ProjectionRebuildProgress` while the rebuild runs. */
  readonly progressSubject: string;
}

export interface ProjectionRebuildStarted {
  readonly projection: string;
  readonly started: true;
}

export interface ProjectionRebuildProgress {
  readonly instanceId: string;
  readonly projection: string;
  readonly phase: 'running' | 'done' | 'failed';
  /** Events replayed so far. */
  readonly processed: number;
  /** Position of the last replayed event, and the store's head when the rebuild started. */
  readonly position?: string;
  readonly head?: string;
  readonly elapsedMs: number;
  /** Events replayed per second so far. */
  readonly eventsPerSecond: number;
  /** Set when `phase` is `failed`. */
  readonly error?: string;
}

export interface ProjectionControlError {
  readonly error: { readonly code: 'UNKNOWN_PROJECTION' | 'BAD_REQUEST' | 'REBUILD_REFUSED' | 'INTERNAL'; readonly message: string };
}
