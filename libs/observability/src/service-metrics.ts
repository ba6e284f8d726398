import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * A service's Prometheus registry: every metric carries a `service` label, with Node's process
 * metrics and the `snapforge_*` metrics every service shares. Metrics of one service alone
 * (builds, read-model counts) are registered on `registry` where they are measured.
 */
export class ServiceMetrics {
  readonly registry = new Registry();

  readonly eventStoreAppendSeconds = new Histogram({
    name: 'snapforge_event_store_append_seconds',
    help: 'Time to append events to the event store, by outcome (ok, conflict, error).',
    labelNames: ['outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly natsReconnects = new Counter({
    name: 'snapforge_nats_reconnects_total',
    help: 'Times the service connection to NATS was re-established after a loss.',
    registers: [this.registry],
  });

  readonly workQueueRedeliveries = new Counter({
    name: 'snapforge_work_queue_redeliveries_total',
    help: 'Work-queue jobs taken by this process that an earlier delivery did not finish, by queue.',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }
}
