import type { EventSchemas, EventUpcaster } from '@snapforge/domain';
import type { EventData, RecordedEvent } from './event-data.js';

/** Where an event's schema version is kept; an event without one is at version 1. */
export const SCHEMA_VERSION_METADATA = 'schemaVersion';

/**
 * Stamps appended events with their type's current schema version, and brings stored events of an
 * older version up to the current shape through the type's upcasters, one version at a time.
 */
export class UpcasterChain {
  private constructor(
    private readonly currentVersions: ReadonlyMap<string, number>,
    private readonly steps: ReadonlyMap<string, EventUpcaster['upcast']>,
  ) {}

  /** Refuses schemas whose chains have a gap or a duplicate: a stored version that could not be read. */
  static of(schemas: EventSchemas): UpcasterChain {
    const currentVersions = new Map(Object.entries(schemas.currentVersions));
    for (const [type, version] of currentVersions) {
      if (!isVersion(version)) throw new Error(`schema version of ${type} must be a positive integer, not ${version}`);
    }
    const steps = new Map<string, EventUpcaster['upcast']>();
    for (const { eventType, fromVersion, upcast } of schemas.upcasters) {
      const current = currentVersions.get(eventType) ?? 1;
      if (!isVersion(fromVersion) || fromVersion >= current) {
        throw new Error(`upcaster of ${eventType} from version ${fromVersion}: the type is at version ${current}`);
      }
      const key = stepKey(eventType, fromVersion);
      if (steps.has(key)) throw new Error(`two upcasters of ${eventType} from version ${fromVersion}`);
      steps.set(key, upcast);
    }
    for (const [type, current] of currentVersions) {
      for (let version = 1; version < current; version++) {
        if (!steps.has(stepKey(type, version))) throw new Error(`no upcaster of ${type} from version ${version} to ${version + 1}`);
      }
    }
    return new UpcasterChain(currentVersions, steps);
  }

  currentVersion(type: string): number {
    return this.currentVersions.get(type) ?? 1;
  }

  /** The event as it is to be stored: written by the current code, so at its type's current version. */
  versioned(event: EventData): EventData {
    return { ...event, metadata: { ...event.metadata, [SCHEMA_VERSION_METADATA]: this.currentVersion(event.type) } };
  }

  /** The event in its type's current shape, with the current version in its metadata. */
  upcast(event: RecordedEvent): RecordedEvent {
    const stored = storedVersion(event);
    const current = this.currentVersion(event.type);
    if (stored === current) return event;
    if (stored > current) {
      throw new Error(
        `event ${event.id} (${event.type}) of stream ${event.streamName} is at schema version ${stored}, ` +
          `newer than the ${current} this code knows: read it with a newer Snapforge`,
      );
    }
    let data = event.data as Record<string, unknown>;
    for (let version = stored; version < current; version++) data = this.step(event.type, version)(data);
    return { ...event, data, metadata: { ...event.metadata, [SCHEMA_VERSION_METADATA]: current } };
  }

  private step(type: string, fromVersion: number): EventUpcaster['upcast'] {
    const upcast = this.steps.get(stepKey(type, fromVersion));
    // Unreachable: `of` checked that every version below the current one has its step.
    if (!upcast) throw new Error(`no upcaster of ${type} from version ${fromVersion}`);
    return upcast;
  }
}

function storedVersion(event: RecordedEvent): number {
  const version = event.metadata?.[SCHEMA_VERSION_METADATA];
  if (version === undefined) return 1;
  if (typeof version !== 'number' || !isVersion(version)) {
    throw new Error(`event ${event.id} (${event.type}) of stream ${event.streamName} has an invalid schema version: ${JSON.stringify(version)}`);
  }
  return version;
}

function isVersion(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 1;
}

function stepKey(type: string, fromVersion: number): string {
  return `${fromVersion}\0${type}`;
}
