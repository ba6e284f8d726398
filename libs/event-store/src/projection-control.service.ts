import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Empty, type Msg, type NatsConnection, type Subscription } from '@nats-io/nats-core';
import {
  projectionControlSubjects,
  type ProjectionControlError,
  type ProjectionDumpReply,
  type ProjectionInstance,
  type ProjectionRebuildProgress,
  type ProjectionRebuildStarted,
} from '@snapforge/contracts';
import type { ReadModel } from '@snapforge/domain';
import { NATS_CONNECTION, SERVICE_IDENTITY, type ServiceIdentity } from '@snapforge/messaging';
import { formatPosition } from './global-position.js';
import type { RebuildProgress } from './live-projection.js';
import { ReadModelProjection } from './read-model-projection.js';

type AnyProjection = ReadModelProjection<unknown, ReadModel<unknown>>;

class ControlRequestError extends Error {
  constructor(
    readonly code: ProjectionControlError['error']['code'],
    message: string,
  ) {
    super(message);
  }
}

/**
 * Lists, dumps and rebuilds this instance's projections over NATS (subjects in libs/contracts
 * `projectionControlSubjects`). Plain subscriptions without a queue group: an operator's request
 * reaches every instance, not one per service. Finds the projections itself among the app's
 * providers, so a service adds it with one import of ProjectionControlModule.
 */
@Injectable()
export class ProjectionControl implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('projection-control');
  private readonly projections = new Map<string, AnyProjection>();
  private subscriptions: Subscription[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const { instance } of this.discovery.getProviders()) {
      if (!(instance instanceof ReadModelProjection)) continue;
      const projection = instance as AnyProjection;
      const known = this.projections.get(projection.name);
      if (known !== undefined && known !== projection) {
        throw new Error(`two providers keep the projection '${projection.name}': control could not tell them apart`);
      }
      this.projections.set(projection.name, projection);
    }
    const { instanceId } = this.identity;
    this.subscriptions = [
      this.serve(projectionControlSubjects.list, () => this.list(), 'one message'),
      this.serve(projectionControlSubjects.dump(instanceId), (request) => this.dump(request), 'chunks'),
      this.serve(projectionControlSubjects.rebuild(instanceId), (request) => this.rebuild(request), 'one message'),
    ];
    // Once the server has the subscriptions, a list sent right after start-up reaches this instance.
    await this.nc.flush();
  }

  onApplicationShutdown(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.subscriptions = [];
  }

  private list(): ProjectionInstance {
    return {
      service: this.identity.service,
      instanceId: this.identity.instanceId,
      projections: [...this.projections.values()].map((projection) => ({
        name: projection.name,
        ...(projection.position ? { position: formatPosition(projection.position) } : {}),
        rebuilding: projection.isRebuilding,
      })),
    };
  }

  private dump(request: Record<string, unknown>): ProjectionDumpReply {
    const projection = this.projectionNamed(request['projection']);
    const { position, dump } = projection.dump();
    return { projection: projection.name, ...(position ? { position: formatPosition(position) } : {}), dump };
  }

  private rebuild(request: Record<string, unknown>): ProjectionRebuildStarted {
    const projection = this.projectionNamed(request['projection']);
    const progressSubject = request['progressSubject'];
    if (typeof progressSubject !== 'string' || !/^[^\s*>]+$/.test(progressSubject)) {
      throw new ControlRequestError('BAD_REQUEST', 'progressSubject: expected a NATS subject without wildcards to publish progress on');
    }
    if (projection.isRebuilding) {
      throw new ControlRequestError('REBUILD_REFUSED', `projection '${projection.name}' is already rebuilding on ${this.identity.instanceId}`);
    }
    const publish = (phase: ProjectionRebuildProgress['phase'], progress: RebuildProgress, error?: string) => {
      const message: ProjectionRebuildProgress = {
        instanceId: this.identity.instanceId,
        projection: projection.name,
        phase,
        processed: progress.processed,
        ...(progress.position ? { position: formatPosition(progress.position) } : {}),
        ...(progress.head ? { head: formatPosition(progress.head) } : {}),
        elapsedMs: progress.elapsedMs,
        eventsPerSecond: progress.elapsedMs > 0 ? Math.round((progress.processed * 1000) / progress.elapsedMs) : 0,
        ...(error === undefined ? {} : { error }),
      };
      try {
        this.nc.publish(progressSubject, JSON.stringify(message));
      } catch (publishError) {
        // Progress is for the operator's eyes: failing to send it must not fail the rebuild.
        this.logger.warn(`could not publish rebuild progress of '${projection.name}' on ${progressSubject}: ${String(publishError)}`);
      }
    };
    const startedAt = Date.now();
    let last: RebuildProgress = { processed: 0, elapsedMs: 0 };
    projection
      .rebuild((progress) => {
        last = progress;
        publish('running', progress);
      })
      .then(
        (done) => publish('done', done),
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          this.logger.error(`rebuild of '${projection.name}' failed`, error instanceof Error ? error.stack : message);
          publish('failed', { ...last, elapsedMs: Date.now() - startedAt }, message);
        },
      );
    return { projection: projection.name, started: true };
  }

  private projectionNamed(name: unknown): AnyProjection {
    if (typeof name !== 'string') throw new ControlRequestError('BAD_REQUEST', 'projection: expected a projection name');
    const projection = this.projections.get(name);
    if (projection === undefined) {
      const held = [...this.projections.keys()].join(', ') || 'none';
      throw new ControlRequestError('UNKNOWN_PROJECTION', `${this.identity.instanceId} keeps no projection '${name}' (it keeps: ${held})`);
    }
    return projection;
  }

  /**
   * Every reply is JSON: the result, or `ProjectionControlError`; a failure never leaves the
   * requester waiting. In `chunks`, the JSON comes in as many messages as the server's max_payload
   * needs, then an empty one: a dump may be larger than one message.
   */
  private serve(subject: string, handle: (request: Record<string, unknown>) => unknown, reply: 'one message' | 'chunks'): Subscription {
    return this.nc.subscribe(subject, {
      callback: (error, msg) => {
        if (error) {
          this.logger.error(`subscription to ${subject} failed: ${error.message}`);
          return;
        }
        const body = JSON.stringify(this.answer(msg, subject, handle));
        if (reply === 'one message') msg.respond(body);
        else this.respondInChunks(msg, body);
      },
    });
  }

  private answer(msg: Msg, subject: string, handle: (request: Record<string, unknown>) => unknown): unknown {
    try {
      return handle(parseRequest(msg));
    } catch (error) {
      if (!(error instanceof ControlRequestError)) {
        this.logger.error(`${subject} failed`, error instanceof Error ? error.stack : String(error));
      }
      return errorReply(error);
    }
  }

  private respondInChunks(msg: Msg, body: string): void {
    const bytes = Buffer.from(body);
    const size = Math.max(MIN_CHUNK_BYTES, (this.nc.info?.max_payload ?? DEFAULT_MAX_PAYLOAD) - CHUNK_HEADROOM_BYTES);
    for (let offset = 0; offset < bytes.length; offset += size) msg.respond(bytes.subarray(offset, offset + size));
    msg.respond(Empty);
  }
}

const DEFAULT_MAX_PAYLOAD = 1024 * 1024;
/** Room for the protocol line and headers next to a chunk. */
const CHUNK_HEADROOM_BYTES = 4 * 1024;
const MIN_CHUNK_BYTES = 1024;

function parseRequest(msg: Msg): Record<string, unknown> {
  if (msg.data.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = msg.json();
  } catch {
    throw new ControlRequestError('BAD_REQUEST', 'the request is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ControlRequestError('BAD_REQUEST', 'the request is not a JSON object');
  }
  return parsed as Record<string, unknown>;
}

function errorReply(error: unknown): ProjectionControlError {
  if (error instanceof ControlRequestError) return { error: { code: error.code, message: error.message } };
  return { error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
}
