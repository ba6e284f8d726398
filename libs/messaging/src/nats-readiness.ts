import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { ReadinessChecks } from '@snapforge/observability';
import { NATS_CONNECTION } from './nats-connection.js';

/** Ready only while NATS answers: a flush is a round trip to the server, which waits while disconnected. */
@Injectable()
export class NatsReadiness {
  constructor(@Inject(NATS_CONNECTION) nc: NatsConnection, readiness: ReadinessChecks) {
    readiness.add('nats', async () => {
      if (nc.isClosed()) throw new Error('the NATS connection is closed');
      await nc.flush();
    });
  }
}
