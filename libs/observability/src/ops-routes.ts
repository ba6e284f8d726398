import type { ReadinessChecks } from './readiness-checks.js';
import type { ServiceMetrics } from './service-metrics.js';

export interface OpsResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** `/metrics`: the service's registry in the Prometheus text format. */
export async function metricsResponse(metrics: ServiceMetrics): Promise<OpsResponse> {
  return { status: 200, contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
}

/** `/readyz`: 200 when every check passes, else 503; the body names each check and why it failed. */
export async function readinessResponse(readiness: ReadinessChecks): Promise<OpsResponse> {
  const report = await readiness.run();
  return { status: report.status === 'ready' ? 200 : 503, contentType: 'application/json', body: JSON.stringify(report) };
}
