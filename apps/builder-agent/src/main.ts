import { bootstrapService } from '@snapforge/messaging';
import { AppModule } from './app.module.js';

await bootstrapService('builder-agent', AppModule);
