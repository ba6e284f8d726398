import { cpus, loadavg, totalmem } from 'node:os';
import type Docker from 'dockerode';
import type { HostFacts } from './bench-report.js';

/** The machine the figures come from; `loadAtStart` is taken before the bench does anything. */
export async function hostFacts(docker: Docker, loadAtStart: number): Promise<HostFacts> {
  const { Version } = await docker.version();
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryBytes: totalmem(),
    loadAverage: { start: loadAtStart, end: loadavg()[0] },
    node: process.version,
    dockerServer: Version,
  };
}
