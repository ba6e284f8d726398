import { Module } from '@nestjs/common';
import Docker from 'dockerode';
import { DockerodeImageBuilder, IMAGE_BUILDER } from '@snapforge/docker';
import { BuildMetrics } from './build-metrics.js';
import { BuildWorker } from './build-worker.service.js';
import { ProfileBuildWorker } from './profile-build-worker.service.js';
import { RegistryCredentialsService } from './registry-credentials.service.js';

@Module({
  providers: [
    BuildWorker,
    ProfileBuildWorker,
    RegistryCredentialsService,
    BuildMetrics,
    // DOCKER_HOST selects the engine, so one agent runs per Docker host.
    { provide: IMAGE_BUILDER, useFactory: () => new DockerodeImageBuilder(new Docker()) },
  ],
})
export class BuildModule {}
