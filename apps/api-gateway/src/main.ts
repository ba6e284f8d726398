import { Logger } from '@nestjs/common';
import { createGateway } from './create-gateway.js';
import { gatewayConfigFromEnv } from './gateway-config.js';

const config = gatewayConfigFromEnv();
const app = await createGateway();
await app.listen(config.port, config.host);
new Logger('api-gateway').log(`HTTP on ${await app.getUrl()}`);
