import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import Docker from 'dockerode';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { hashApiKey } from '@snapforge/secrets';
import { createDataPlaneServer } from '../dataplane/dataplane-server.js';
import type { AuthorizedSandbox, DataPlaneRefusal, DataPlaneSandboxes } from '../dataplane/dataplane-deps.js';
import { LAUNCHER_CONFIG, type LauncherConfig } from '../launcher-config.js';
import { ActivityTracker } from './activity-tracker.service.js';
import { LauncherSandboxProjection } from './launcher-sandbox-projection.service.js';
import { LauncherWorkspaceDirectory } from './launcher-workspace-directory.service.js';

/**
 * Serves the data plane of this host's sandboxes. A caller gets in with an API key of the sandbox's
 * workspace, to a sandbox placed on this host and ready; anything else looks like no sandbox at all.
 */
@Injectable()
export class DataPlaneListener implements DataPlaneSandboxes, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DataPlaneListener.name);
  private server?: FastifyInstance;

  constructor(
    @Inject(LAUNCHER_CONFIG) private readonly config: LauncherConfig,
    private readonly workspaces: LauncherWorkspaceDirectory,
    private readonly sandboxes: LauncherSandboxProjection,
    private readonly activity: ActivityTracker,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Fastify logs failed requests (500s with their cause) through pino, as JSON lines.
    this.server = createDataPlaneServer({ docker: new Docker(), sandboxes: this, logger: pino({ name: 'dataplane', level: 'warn' }) });
    await this.server.listen({ port: this.config.dataplanePort, host: this.config.dataplaneBindHost });
    this.logger.log(`data plane on ${this.config.dataplaneBaseUrl}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }

  async authorize(apiKey: string | undefined, sandboxId: string): Promise<AuthorizedSandbox | DataPlaneRefusal> {
    if (!apiKey) return { refusal: 'unauthorized', message: 'missing X-Api-Key header' };
    const owner = this.workspaces.model.workspaceForKeyHash(hashApiKey(apiKey));
    if (!owner) return { refusal: 'unauthorized', message: 'invalid or revoked API key' };
    const view = this.sandboxes.model.get(owner.workspaceId, sandboxId);
    if (!view || view.hostId !== this.config.hostId) return { refusal: 'not-found', message: `sandbox '${sandboxId}' not found` };
    if (view.status !== 'ready' || !view.containerId) {
      return { refusal: 'not-ready', message: `sandbox '${view.name}' is ${view.status}; start it first` };
    }
    return { containerId: view.containerId, runConfig: view.runConfig };
  }

  onActivity(sandboxId: string): void {
    this.activity.touch(sandboxId);
  }
}
