import { Gauge } from 'prom-client';
import type { ServiceMetrics } from './service-metrics.js';

export interface CountGaugeOptions<Label extends string> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly Label[];
  /** The current counts, read at scrape time (from a read model, say); label sets left out are dropped. */
  readonly counts: () => Iterable<{ readonly labels: Record<Label, string>; readonly value: number }>;
}

/** A gauge of counts computed when Prometheus scrapes, so it is never stale and costs nothing between scrapes. */
export function registerCountGauge<Label extends string>(metrics: ServiceMetrics, options: CountGaugeOptions<Label>): Gauge<Label> {
  const { counts, ...definition } = options;
  return new Gauge<Label>({
    ...definition,
    labelNames: [...definition.labelNames],
    registers: [metrics.registry],
    collect() {
      this.reset();
      for (const { labels, value } of counts()) this.set(labels as Partial<Record<Label, string>>, value);
    },
  });
}
