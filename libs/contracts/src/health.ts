import { rpc } from './rpc.js';
import type { ServiceName } from './services.js';

export interface HealthReply {
  service: ServiceName;
  status: 'ok';
  instanceId: string;
  uptimeSeconds: number;
}

export const healthRpc = (service: ServiceName) => rpc<Record<string, never>, HealthReply>(service, 'health');
