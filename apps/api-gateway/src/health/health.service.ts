import { Injectable } from '@nestjs/common';
import { healthRpc, SERVICE_NAMES, type HealthReply, type ServiceName } from '@snapforge/contracts';
import { RpcClient, RpcRequestError } from '@snapforge/messaging';

const HEALTH_TIMEOUT_MS = 2_000;

export type ServiceHealth = HealthReply | { service: ServiceName; status: 'unavailable'; error: string };

export interface SystemHealth {
  status: 'ok' | 'degraded';
  services: Record<ServiceName, ServiceHealth>;
}

/** Asks every service for its health over NATS, all at once, each with a short time-out. */
@Injectable()
export class HealthService {
  constructor(private readonly rpc: RpcClient) {}

  async check(): Promise<SystemHealth> {
    const replies = await Promise.all(SERVICE_NAMES.map((service) => this.checkOne(service)));
    const services = Object.fromEntries(replies.map((reply) => [reply.service, reply])) as SystemHealth['services'];
    return { status: replies.every((reply) => reply.status === 'ok') ? 'ok' : 'degraded', services };
  }

  private async checkOne(service: ServiceName): Promise<ServiceHealth> {
    try {
      return await this.rpc.request(healthRpc(service), {}, { timeoutMs: HEALTH_TIMEOUT_MS });
    } catch (error) {
      const reason = error instanceof RpcRequestError ? error.message : 'health check failed';
      return { service, status: 'unavailable', error: reason };
    }
  }
}
