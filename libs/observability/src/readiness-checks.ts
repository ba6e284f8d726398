/** A readiness check resolves when its part is ready and throws, saying why, when it is not. */
export type ReadinessCheck = () => Promise<void> | void;

export type CheckResult = { readonly ok: true } | { readonly ok: false; readonly error: string };

export interface ReadinessReport {
  readonly status: 'ready' | 'not_ready';
  readonly checks: Readonly<Record<string, CheckResult>>;
}

export const READINESS_TIMEOUT_MS = 2_000;

/**
 * What a service must have before it takes traffic (NATS, the event store, caught-up projections):
 * each part adds its check, and `/readyz` runs them all at once, each bounded by a time-out, so a
 * hanging dependency makes the service unready instead of hanging the probe.
 */
export class ReadinessChecks {
  private readonly checks = new Map<string, ReadinessCheck>();

  add(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) throw new Error(`readiness check ${name} is registered twice`);
    this.checks.set(name, check);
  }

  async run(timeoutMs = READINESS_TIMEOUT_MS): Promise<ReadinessReport> {
    const results = await Promise.all([...this.checks].map(async ([name, check]) => [name, await runOne(check, timeoutMs)] as const));
    return {
      status: results.every(([, result]) => result.ok) ? 'ready' : 'not_ready',
      checks: Object.fromEntries(results),
    };
  }
}

async function runOne(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(check), timeout]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
