import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { CreatedWorkspace } from '@snapforge/contracts';
import { workspaceDecider, workspaceStreamName } from '@snapforge/domain';
import { deterministicUuid, EVENT_STORE, handleCommand, type EventStore } from '@snapforge/event-store';
import { generateApiKey, hashApiKey } from '@snapforge/secrets';
import { WorkspaceDirectoryService } from './workspace-directory.service.js';

const DEV_WORKSPACE_NAME = 'dev';

@Injectable()
export class WorkspacesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(WorkspacesService.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: WorkspaceDirectoryService,
  ) {}

  /** With SNAPFORGE_DEV_API_KEY set (`npm start` does), that key opens the `dev` workspace. */
  async onApplicationBootstrap(): Promise<void> {
    const devKey = process.env.SNAPFORGE_DEV_API_KEY;
    if (!devKey) return;
    // A fixed id makes every start re-ensure the same workspace instead of making a new one.
    const workspaceId = deterministicUuid('snapforge-dev-workspace');
    await this.ensureWorkspace(workspaceId, DEV_WORKSPACE_NAME);
    await this.issueKey(workspaceId, devKey, 'development key');
    this.logger.log(`development workspace ${workspaceId} accepts SNAPFORGE_DEV_API_KEY`);
  }

  async create(name: string): Promise<CreatedWorkspace> {
    const workspaceId = randomUUID();
    await this.ensureWorkspace(workspaceId, name);
    const apiKey = generateApiKey();
    await this.issueKey(workspaceId, apiKey, 'created with the workspace');
    return { workspaceId, apiKey };
  }

  private async ensureWorkspace(workspaceId: string, name: string): Promise<void> {
    const existing = await this.store.readStream(workspaceStreamName(workspaceId));
    if (existing.length > 0) return;
    await handleCommand(this.store, workspaceDecider, workspaceStreamName(workspaceId), {
      type: 'CreateWorkspace',
      data: { workspaceId, name, at: new Date().toISOString() },
    });
  }

  private async issueKey(workspaceId: string, apiKey: string, label: string): Promise<void> {
    const outcome = await handleCommand(this.store, workspaceDecider, workspaceStreamName(workspaceId), {
      type: 'IssueApiKey',
      data: { keyId: randomUUID(), keyHash: hashApiKey(apiKey), label, at: new Date().toISOString() },
    });
    // The key must work on the very next request.
    await this.directory.waitFor(outcome.position);
  }
}
