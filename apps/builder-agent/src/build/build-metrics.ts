import { Injectable } from '@nestjs/common';
import { Histogram } from 'prom-client';
import { ServiceMetrics } from '@snapforge/observability';

// Builds take seconds to many minutes.
const BUCKETS = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200];

/** How long the agent's builds take, by outcome (`built`/`succeeded`, `failed`). */
@Injectable()
export class BuildMetrics {
  readonly buildSeconds: Histogram<'outcome'>;
  readonly setupScriptSeconds: Histogram<'outcome'>;

  constructor(metrics: ServiceMetrics) {
    this.buildSeconds = new Histogram({
      name: 'snapforge_build_duration_seconds',
      help: 'Duration of snapshot image builds, from taking the job to the result, by outcome.',
      labelNames: ['outcome'] as const,
      buckets: BUCKETS,
      registers: [metrics.registry],
    });
    this.setupScriptSeconds = new Histogram({
      name: 'snapforge_setup_script_duration_seconds',
      help: "Duration of profile snapshot jobs' setup-script builds (run and commit), by outcome.",
      labelNames: ['outcome'] as const,
      buckets: BUCKETS,
      registers: [metrics.registry],
    });
  }
}
