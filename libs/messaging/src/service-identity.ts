import { randomUUID } from 'node:crypto';
import type { ServiceName } from '@snapforge/contracts';

export const SERVICE_IDENTITY = Symbol('SERVICE_IDENTITY');

/** Who this process is: the service it runs and a per-process id that tells replicas apart. */
export interface ServiceIdentity {
  service: ServiceName;
  instanceId: string;
  startedAt: Date;
}

export function serviceIdentity(service: ServiceName): ServiceIdentity {
  return { service, instanceId: `${service}-${randomUUID().slice(0, 8)}`, startedAt: new Date() };
}
