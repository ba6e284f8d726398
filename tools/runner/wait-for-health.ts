import type { ServiceProcess } from './service-process.js';

/**
 * Resolves once `url` answers 200. Fails early when a service process ends, and on time-out names
 * the services that the last health answer did not report as ok.
 */
export async function waitForHealth(url: string, services: readonly ServiceProcess[], timeoutMs: number): Promise<void> {
  let last = 'no answer yet';
  let unhealthy: string[] = [];
  let settled = false;
  const ended = services.map((service) => service.exited.then((how) => Promise.reject(new Error(`${service.name} ${how} while starting`))));
  const poll = async () => {
    const deadline = Date.now() + timeoutMs;
    while (!settled && Date.now() < deadline) {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
        const body = await response.text();
        if (response.status === 200) return;
        last = `HTTP ${response.status}: ${body.slice(0, 2_000)}`;
        unhealthy = unhealthyServices(body);
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const names = unhealthy.length ? unhealthy.join(', ') : services.map((service) => service.name).join(', ');
    throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s; not healthy: ${names}\nlast answer: ${last}`);
  };
  try {
    await Promise.race([poll(), ...ended]);
  } finally {
    settled = true;
  }
}

/** The gateway answers `{ services: { <name>: { status, error? } } }`. */
function unhealthyServices(body: string): string[] {
  try {
    const { services } = JSON.parse(body) as { services?: Record<string, { status?: string; error?: string }> };
    return Object.entries(services ?? {})
      .filter(([, health]) => health.status !== 'ok')
      .map(([name, health]) => (health.error ? `${name} (${health.status}: ${health.error})` : `${name} (${health.status})`));
  } catch {
    return [];
  }
}
