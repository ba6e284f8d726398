import { Module, type DynamicModule } from '@nestjs/common';
import { EventStoreModule } from '@snapforge/event-store';
import { LAUNCHER_CONFIG, type LauncherConfig } from '../launcher-config.js';
import { LauncherRegistrationService } from '../registration/launcher-registration.service.js';
import { ActivityTracker } from './activity-tracker.service.js';
import { DataPlaneListener } from './dataplane-listener.service.js';
import { LauncherSandboxProjection } from './launcher-sandbox-projection.service.js';
import { LauncherWorkspaceDirectory } from './launcher-workspace-directory.service.js';
import { sandboxHostControllerFor } from './sandbox-host.controller.js';
import { SandboxHostService } from './sandbox-host.service.js';
import { SandboxReconciler } from './sandbox-reconciler.service.js';

/** The sandboxes of one Docker host: its NATS subjects, its registration, its containers. */
@Module({})
export class SandboxesModule {
  static forHost(config: LauncherConfig): DynamicModule {
    return {
      module: SandboxesModule,
      imports: [EventStoreModule],
      controllers: [sandboxHostControllerFor(config.hostId)],
      providers: [
        { provide: LAUNCHER_CONFIG, useValue: config },
        LauncherRegistrationService,
        LauncherSandboxProjection,
        ActivityTracker,
        SandboxHostService,
        SandboxReconciler,
        LauncherWorkspaceDirectory,
        DataPlaneListener,
      ],
      exports: [LAUNCHER_CONFIG, LauncherSandboxProjection, ActivityTracker, SandboxHostService],
    };
  }
}
