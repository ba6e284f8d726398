import { Logger } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

export function natsUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.SNAPFORGE_NATS_URL ?? DEFAULT_NATS_URL;
}

const BACKOFF_START_MS = 100;
const BACKOFF_MAX_MS = 5_000;

/**
 * Reconnects forever: a service outlives NATS restarts. The delay doubles per failed attempt up to
 * BACKOFF_MAX_MS and starts over once connected, so a short blip heals fast and a long outage does
 * not hammer the server.
 */
export function reconnectOptions() {
  let attempt = 0;
  return {
    maxReconnectAttempts: -1,
    waitOnFirstConnect: true,
    reconnectJitter: 100,
    reconnectDelayHandler: () => Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** attempt++),
    onConnected: () => {
      attempt = 0;
    },
  };
}

export interface NatsConnectionHooks {
  /** Called each time the connection is re-established (the reconnect counter of the service's metrics). */
  onReconnect?: () => void;
}

/** Opens the service's NATS connection and logs every status change with the service's name. */
export async function connectNats(name: string, servers = natsUrlFromEnv(), hooks: NatsConnectionHooks = {}): Promise<NatsConnection> {
  const { onConnected, ...options } = reconnectOptions();
  const nc = await connect({ servers, name, ...options });
  const logger = new Logger(`nats:${name}`);
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'reconnect') {
        onConnected();
        hooks.onReconnect?.();
        logger.log(`reconnected to ${status.server}`);
      } else if (status.type === 'disconnect') {
        logger.warn(`disconnected from ${status.server}; reconnecting`);
      } else if (status.type === 'error') {
        logger.error(`connection error: ${String(status.error)}`);
      }
    }
  })();
  return nc;
}
