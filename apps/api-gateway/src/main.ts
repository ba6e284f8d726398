import { Logger } from '@nestjs/common';
import { OpsServer } from '@snapforge/observability';
import { createGateway } from './create-gateway.js';
import { gatewayConfigFromEnv } from './gateway-config.js';

const config = gatewayConfigFromEnv();
const app = await createGateway();
await app.listen(config.port, config.host);
const url = await app.getUrl();
// The gateway serves /metrics and /readyz on its HTTP port; its health reply announces that.
app.get(OpsServer).adopt(url);
new Logger('api-gateway').log(`HTTP on ${url}`);
