import { bootstrapService } from '@snapforge/messaging';
import { AppModule } from './app.module.js';
import { LauncherRegistrationService } from './registration/launcher-registration.service.js';

const app = await bootstrapService('sandbox-launcher', AppModule);
await app.get(LauncherRegistrationService).start();
