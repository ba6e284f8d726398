import { createInbox, errors, type NatsConnection } from '@nats-io/transport-node';
import {
  projectionControlSubjects,
  type ProjectionControlError,
  type ProjectionDumpReply,
  type ProjectionInstance,
  type ProjectionRebuildProgress,
  type ProjectionRebuildStarted,
} from '@snapforge/contracts';
import { CliError, errorMessage } from './cli-error.js';

/** How long every instance gets to answer a broadcast: replies are collected for this window. */
const LIST_WINDOW_MS = 1_500;
const REQUEST_TIMEOUT_MS = 10_000;
/** A rebuild that sent no progress for this long is given up: its instance is gone or stuck. */
const REBUILD_STALL_MS = 60_000;

/** One projection of one instance. */
export interface ProjectionTarget {
  readonly service: string;
  readonly instanceId: string;
  readonly projection: string;
}

/** The operator's side of live projection control (libs/contracts `projectionControlSubjects`). */
export class ProjectionControlClient {
  constructor(private readonly nc: NatsConnection) {}

  /** Every running instance that keeps projections, sorted by service and instance. */
  async instances(): Promise<ProjectionInstance[]> {
    const instances: ProjectionInstance[] = [];
    try {
      const replies = await this.nc.requestMany(projectionControlSubjects.list, '{}', { strategy: 'timer', maxWait: LIST_WINDOW_MS });
      for await (const msg of replies) instances.push(checked<ProjectionInstance>(msg.json(), projectionControlSubjects.list));
    } catch (error) {
      if (!(error instanceof errors.NoRespondersError)) throw CliError.failed(`listing projections failed: ${errorMessage(error)}`);
    }
    return instances.sort((a, b) => a.service.localeCompare(b.service) || a.instanceId.localeCompare(b.instanceId));
  }

  /** The dump comes in chunks ended by an empty message (see `projectionControlSubjects.dump`). */
  async dump({ instanceId, projection }: ProjectionTarget): Promise<ProjectionDumpReply> {
    const subject = projectionControlSubjects.dump(instanceId);
    const chunks: Uint8Array[] = [];
    let complete = false;
    try {
      const replies = await this.nc.requestMany(subject, JSON.stringify({ projection }), { strategy: 'sentinel', maxWait: REQUEST_TIMEOUT_MS });
      for await (const msg of replies) {
        if (msg.data.length === 0) complete = true;
        else chunks.push(msg.data);
      }
    } catch (error) {
      throw CliError.failed(`${subject}: ${errorMessage(error)}`);
    }
    if (!complete) throw CliError.failed(`${subject}: the dump did not arrive whole within ${REQUEST_TIMEOUT_MS / 1000} s`);
    return checked<ProjectionDumpReply>(JSON.parse(Buffer.concat(chunks).toString()), subject);
  }

  /**
   * Asks each target's instance to rebuild it, all at once, and reports their progress until every
   * one is done or failed; resolves with each target's final message.
   */
  async rebuild(
    targets: readonly ProjectionTarget[],
    onProgress: (progress: ProjectionRebuildProgress) => void,
  ): Promise<ProjectionRebuildProgress[]> {
    const progressSubject = createInbox();
    const finals = new Map<string, ProjectionRebuildProgress>();
    const lastHeard = new Map<string, number>();
    const keyOf = (target: { instanceId: string; projection: string }) => `${target.instanceId}/${target.projection}`;
    let settle: () => void = () => undefined;
    const allFinal = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const settleWhenFinal = () => {
      if (finals.size === targets.length) settle();
    };
    const subscription = this.nc.subscribe(progressSubject, {
      callback: (error, msg) => {
        if (error) return;
        const progress = msg.json<ProjectionRebuildProgress>();
        const key = keyOf(progress);
        if (!lastHeard.has(key) || finals.has(key)) return;
        lastHeard.set(key, Date.now());
        onProgress(progress);
        if (progress.phase !== 'running') finals.set(key, progress);
        settleWhenFinal();
      },
    });
    const failed = (target: ProjectionTarget, error: string): ProjectionRebuildProgress => ({
      instanceId: target.instanceId,
      projection: target.projection,
      phase: 'failed',
      processed: 0,
      elapsedMs: 0,
      eventsPerSecond: 0,
      error,
    });
    const watchdog = setInterval(() => {
      for (const target of targets) {
        const heard = lastHeard.get(keyOf(target));
        if (heard === undefined || finals.has(keyOf(target)) || Date.now() - heard < REBUILD_STALL_MS) continue;
        const stalled = failed(target, `no progress for ${REBUILD_STALL_MS / 1000} s: the instance is gone or stuck`);
        finals.set(keyOf(target), stalled);
        onProgress(stalled);
      }
      settleWhenFinal();
    }, 1_000);
    try {
      await this.nc.flush();
      await Promise.all(
        targets.map(async (target) => {
          lastHeard.set(keyOf(target), Date.now());
          try {
            await this.request<ProjectionRebuildStarted>(projectionControlSubjects.rebuild(target.instanceId), {
              projection: target.projection,
              progressSubject,
            });
          } catch (error) {
            const refused = failed(target, errorMessage(error));
            finals.set(keyOf(target), refused);
            onProgress(refused);
          }
        }),
      );
      settleWhenFinal();
      await allFinal;
      return targets.map((target) => finals.get(keyOf(target)) ?? failed(target, 'no final progress'));
    } finally {
      clearInterval(watchdog);
      subscription.unsubscribe();
    }
  }

  private async request<Reply>(subject: string, body: unknown): Promise<Reply> {
    let reply: unknown;
    try {
      reply = (await this.nc.request(subject, JSON.stringify(body), { timeout: REQUEST_TIMEOUT_MS })).json();
    } catch (error) {
      throw CliError.failed(`${subject}: ${errorMessage(error)}`);
    }
    return checked<Reply>(reply, subject);
  }
}

function checked<Reply>(reply: unknown, subject: string): Reply {
  const { error } = (reply ?? {}) as Partial<ProjectionControlError>;
  if (error !== undefined) throw CliError.failed(`${subject}: ${error.code}: ${error.message}`);
  return reply as Reply;
}
