import { Kvm } from '@nats-io/kv';
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/nats-core';
import type { CheckpointStore } from './checkpoint-store.port.js';
import { formatPosition, parsePosition, type GlobalPosition } from './global-position.js';
import { encodeSubjectToken } from './subject-token.js';

export interface KvCheckpointStoreOptions {
  readonly bucket?: string;
}

/** Checkpoints as "commit:prepare" in a NATS KV bucket, one key per subscriber; works for either adapter. */
export class KvCheckpointStore implements CheckpointStore {
  private constructor(private readonly kv: KV) {}

  /** Creates the bucket if missing. The connection stays the caller's. */
  static async create(nc: NatsConnection, { bucket = 'snapforge_checkpoints' }: KvCheckpointStoreOptions = {}): Promise<KvCheckpointStore> {
    return new KvCheckpointStore(await new Kvm(nc).create(bucket, { history: 1 }));
  }

  async load(subscriber: string): Promise<GlobalPosition | undefined> {
    const entry = await this.kv.get(encodeSubjectToken(subscriber));
    return entry?.operation === 'PUT' ? parsePosition(entry.string()) : undefined;
  }

  async save(subscriber: string, position: GlobalPosition): Promise<void> {
    await this.kv.put(encodeSubjectToken(subscriber), formatPosition(position));
  }
}
