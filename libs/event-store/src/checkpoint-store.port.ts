import type { GlobalPosition } from './global-position.js';

/** Remembers how far each subscriber has processed, so that it resumes there after a restart. */
export interface CheckpointStore {
  load(subscriber: string): Promise<GlobalPosition | undefined>;
  save(subscriber: string, position: GlobalPosition): Promise<void>;
}
