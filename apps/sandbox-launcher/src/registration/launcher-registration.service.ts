import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm, type KV } from '@nats-io/kv';
import Docker from 'dockerode';
import { LAUNCHER_TTL_MS, LAUNCHERS_BUCKET, type LauncherRegistration } from '@snapforge/contracts';
import { SandboxContainers } from '@snapforge/docker';
import { NATS_CONNECTION } from '@snapforge/messaging';
import { LAUNCHER_CONFIG, type LauncherConfig } from '../launcher-config.js';

const HEARTBEAT_MS = LAUNCHER_TTL_MS / 3;

/**
 * Keeps this host's registration fresh in a KV bucket whose entries expire: a launcher that dies
 * drops out of placement by itself, within the TTL.
 */
@Injectable()
export class LauncherRegistrationService implements OnApplicationShutdown {
  private readonly logger = new Logger(LauncherRegistrationService.name);
  private readonly docker = new Docker();
  private kv?: KV;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(LAUNCHER_CONFIG) private readonly config: LauncherConfig,
  ) {}

  /**
   * Enters placement. Called once the launcher answers on NATS, never from a start-up hook: those
   * run before the listener subscribes, and a host in placement must take the requests sent to it.
   */
  async start(): Promise<void> {
    this.kv = await new Kvm(this.nc).create(LAUNCHERS_BUCKET, { ttl: LAUNCHER_TTL_MS, history: 1 });
    await this.register();
    this.timer = setInterval(() => void this.register(), HEARTBEAT_MS);
    this.logger.log(`registered host ${this.config.hostId} with data plane ${this.config.dataplaneBaseUrl}`);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    // Leave placement at once rather than after the TTL.
    await this.kv?.delete(this.config.hostId).catch(() => undefined);
  }

  /** Re-registers now, e.g. right after a new image arrived, so placement sees it without waiting. */
  async register(): Promise<void> {
    try {
      const [sandboxes, images] = await Promise.all([new SandboxContainers(this.docker).list(), this.docker.listImages()]);
      const registration: LauncherRegistration = {
        hostId: this.config.hostId,
        capacity: this.config.capacity,
        sandboxes: sandboxes.length,
        dataplaneUrl: this.config.dataplaneBaseUrl,
        images: images.map((image) => image.Id),
        updatedAt: new Date().toISOString(),
      };
      await this.kv?.put(this.config.hostId, JSON.stringify(registration));
    } catch (error) {
      this.logger.warn(`could not refresh the registration: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
