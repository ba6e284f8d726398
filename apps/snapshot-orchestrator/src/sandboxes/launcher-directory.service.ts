import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm, type KV } from '@nats-io/kv';
import { LAUNCHER_TTL_MS, LAUNCHERS_BUCKET, type LauncherRegistration } from '@snapforge/contracts';
import { NATS_CONNECTION } from '@snapforge/messaging';

/** The sandbox launchers alive now, from their self-expiring registrations. */
@Injectable()
export class LauncherDirectory implements OnModuleInit {
  private kv?: KV;

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  async onModuleInit(): Promise<void> {
    this.kv = await new Kvm(this.nc).create(LAUNCHERS_BUCKET, { ttl: LAUNCHER_TTL_MS, history: 1 });
  }

  async live(): Promise<LauncherRegistration[]> {
    if (!this.kv) return [];
    const registrations: LauncherRegistration[] = [];
    for await (const key of await this.kv.keys()) {
      const entry = await this.kv.get(key);
      if (!entry || entry.operation !== 'PUT') continue;
      const registration = entry.json<LauncherRegistration>();
      // The bucket's TTL removes dead hosts eventually; this keeps them out of placement meanwhile.
      if (Date.now() - Date.parse(registration.updatedAt) <= LAUNCHER_TTL_MS) registrations.push(registration);
    }
    return registrations;
  }
}
