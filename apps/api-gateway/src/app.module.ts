import { Module } from '@nestjs/common';
import { ProjectionControlModule } from '@snapforge/event-store';
import { MessagingModule } from '@snapforge/messaging';
import { AuthModule } from './auth/auth.module.js';
import { BoxesModule } from './boxes/boxes.module.js';
import { EventsModule } from './events/events.module.js';
import { HealthModule } from './health/health.module.js';
import { ProfilesModule } from './profiles/profiles.module.js';
import { RegistriesModule } from './registries/registries.module.js';
import { SnapshotsModule } from './snapshots/snapshots.module.js';

@Module({
  imports: [MessagingModule.forRoot('api-gateway'), ProjectionControlModule, AuthModule, HealthModule, SnapshotsModule, RegistriesModule, BoxesModule, ProfilesModule, EventsModule],
})
export class AppModule {}
