import { rpc } from './rpc.js';
import type { ServiceName } from './services.js';

export interface HealthReply {
  service: ServiceName;
  status: 'ok';
  instanceId: string;
  uptimeSeconds: number;
  /** Where the service serves `/metrics`, `/healthz` and `/readyz` (the gateway: its HTTP URL). */
  opsUrl?: string;
}

export const healthRpc = (service: ServiceName) => rpc<Record<string, never>, HealthReply>(service, 'health');
