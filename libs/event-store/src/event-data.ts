import type { GlobalPosition } from './global-position.js';

/** An event to append. `id` (a UUID) makes the append idempotent: a retried append writes nothing again. */
export interface EventData<T = unknown> {
  readonly id: string;
  readonly type: string;
  readonly data: T;
  readonly metadata?: Record<string, unknown>;
}

/** An event as stored: where it sits in its stream (`revision`) and in the global order (`position`). */
export interface RecordedEvent<T = unknown> extends EventData<T> {
  readonly streamName: string;
  readonly revision: number;
  readonly position: GlobalPosition;
  readonly recordedAt: Date;
}
