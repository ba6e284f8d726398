import { changedFields } from '../changed-fields.js';
import type { Decider } from '../decider.js';
import { DomainError } from '../domain-error.js';
import { optional } from '../optional-field.js';
import { layerRunConfig } from '../snapshot/resolve-run-config.js';
import type { CreateSandbox, SandboxCommand } from './sandbox.commands.js';
import { SandboxErrorCode } from './sandbox-error-code.js';
import type { SandboxCreated, SandboxEvent } from './sandbox.events.js';
import type { SandboxState } from './sandbox.state.js';
import type { SandboxFields } from './sandbox.validation.js';
import { sandboxViolations } from './sandbox.validation.js';

type ExistingSandboxState = Exclude<SandboxState, { status: 'none' }>;

/** What an update may change. */
type SandboxChanges = Pick<SandboxFields, 'name' | 'idleTtlSeconds' | 'deleteAfterStopSeconds'>;

const updatableFields = [
  'name',
  'idleTtlSeconds',
  'deleteAfterStopSeconds',
] as const satisfies (keyof SandboxChanges)[];

/**
 * A sandbox booted from a snapshot on one host. Its name is unique per workspace through the
 * sandbox name guard, and its snapshot cannot be deleted while it exists through a reference on
 * the snapshot's stream: the caller appends to both around a create, rename or delete.
 *
 * Like a snapshot or registry, a deleted sandbox is as gone as one never created: every command on
 * it, a second delete included, is refused with SANDBOX_NOT_FOUND (the API's 404). A retried delete
 * is recognised by its idempotency key before it gets here.
 */
export const sandboxDecider: Decider<SandboxCommand, SandboxState, SandboxEvent> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    if (command.type === 'CreateSandbox') {
      // A deleted sandbox's stream still exists: ids are never reused.
      if (state.status !== 'none') {
        throw new DomainError(SandboxErrorCode.AlreadyExists, `sandbox ${command.data.sandboxId} already exists`);
      }
      assertValid(command.data);
      return [{ type: 'SandboxCreated', data: createdData(command.data) }];
    }

    const sandbox = existing(state);
    const next = { sandboxId: sandbox.sandboxId, workspaceId: sandbox.workspaceId, version: sandbox.version + 1 };
    switch (command.type) {
      case 'MarkSandboxReady': {
        const { containerId, dataplaneUrl, at } = command.data;
        if (sandbox.status === 'provisioning') {
          return [{ type: 'SandboxReady', data: { ...next, containerId, dataplaneUrl, readyAt: at } }];
        }
        // A late or repeated report of the container already recorded changes nothing, whatever
        // has happened since; refusing it could make the launcher remove a container still in use.
        if (containerId === sandbox.containerId) return [];
        throw new DomainError(
          SandboxErrorCode.NotProvisioning,
          `cannot mark sandbox ${sandbox.sandboxId} ready: it is ${sandbox.status}, not provisioning`,
        );
      }
      case 'FailSandbox':
        if (sandbox.status === 'failed') return [];
        assertStatus(sandbox, ['provisioning', 'ready'], 'fail', SandboxErrorCode.NotReady);
        return [{ type: 'SandboxFailed', data: { ...next, reason: command.data.reason, failedAt: command.data.at } }];
      case 'StopSandbox':
        if (sandbox.status === 'stopped') return [];
        assertStatus(sandbox, ['ready'], 'stop', SandboxErrorCode.NotReady);
        return [{ type: 'SandboxStopped', data: { ...next, reason: command.data.reason, stoppedAt: command.data.at } }];
      case 'StartSandbox':
        // Starting is making sure the sandbox runs: one running or on its way is no failure.
        if (sandbox.status === 'ready' || sandbox.status === 'provisioning') return [];
        assertStatus(sandbox, ['stopped'], 'start', SandboxErrorCode.NotStopped);
        return [{ type: 'SandboxStarted', data: { ...next, startedAt: command.data.at } }];
      case 'UpdateSandbox': {
        const { name, idleTtlSeconds, deleteAfterStopSeconds } = command.data;
        const update: SandboxChanges = { name, idleTtlSeconds, deleteAfterStopSeconds };
        assertValid(update);
        const { name: newName, ...changes } = changedFields(sandbox, update, updatableFields);
        if (newName === undefined && Object.keys(changes).length === 0) return [];
        return [
          {
            type: 'SandboxUpdated',
            data: {
              ...next,
              ...(newName === undefined ? {} : { rename: { from: sandbox.name, to: newName } }),
              ...changes,
              updatedAt: command.data.at,
            },
          },
        ];
      }
      case 'DeleteSandbox':
        return [
          {
            type: 'SandboxDeleted',
            data: {
              sandboxId: sandbox.sandboxId,
              workspaceId: sandbox.workspaceId,
              name: sandbox.name,
              snapshotId: sandbox.snapshotId,
              deletedAt: command.data.at,
            },
          },
        ];
    }
  },

  evolve(state, event) {
    if (event.type === 'SandboxCreated') {
      const { sandboxId, workspaceId, name, snapshotId, idleTtlSeconds, deleteAfterStopSeconds } = event.data;
      return {
        status: 'provisioning',
        sandboxId,
        workspaceId,
        name,
        snapshotId,
        idleTtlSeconds,
        deleteAfterStopSeconds,
        version: 1,
      };
    }
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'SandboxReady':
        return { ...state, status: 'ready', containerId: event.data.containerId, version: event.data.version };
      case 'SandboxFailed':
        return { ...state, status: 'failed', version: event.data.version };
      case 'SandboxStopped':
        return { ...state, status: 'stopped', version: event.data.version };
      case 'SandboxStarted':
        return { ...state, status: 'provisioning', version: event.data.version };
      case 'SandboxUpdated': {
        const {
          rename,
          idleTtlSeconds = state.idleTtlSeconds,
          deleteAfterStopSeconds = state.deleteAfterStopSeconds,
          version,
        } = event.data;
        return { ...state, name: rename?.to ?? state.name, idleTtlSeconds, deleteAfterStopSeconds, version };
      }
      case 'SandboxDeleted':
        return { ...state, status: 'deleted' };
    }
  },
};

function assertValid(fields: SandboxFields): void {
  const violations = sandboxViolations(fields);
  if (violations.length > 0) {
    throw new DomainError(SandboxErrorCode.Invalid, `invalid sandbox: ${violations.join('; ')}`);
  }
}

/**
 * Takes the contract's fields rather than the whole command: commands arrive as JSON from other
 * services, and whatever else they carry must not end up stored for ever in an event.
 */
function createdData(request: CreateSandbox['data']): SandboxCreated['data'] {
  return {
    sandboxId: request.sandboxId,
    workspaceId: request.workspaceId,
    name: request.name,
    snapshotId: request.snapshotId,
    hostId: request.hostId,
    imageRef: request.imageRef,
    ...optional('vcpus', request.vcpus),
    ...optional('memBytes', request.memBytes),
    ...optional('fsCapacityBytes', request.fsCapacityBytes),
    // A single layer comes out as a copy of its own fields alone.
    runConfig: layerRunConfig(request.runConfig),
    idleTtlSeconds: request.idleTtlSeconds,
    deleteAfterStopSeconds: request.deleteAfterStopSeconds,
    ...optional('createdBy', request.createdBy),
    createdAt: request.at,
  };
}

/** A deleted sandbox is as gone as one never created. */
function existing(state: SandboxState): ExistingSandboxState {
  if (state.status === 'none' || state.status === 'deleted') {
    throw new DomainError(SandboxErrorCode.NotFound, 'sandbox not found');
  }
  return state;
}

function assertStatus(
  sandbox: ExistingSandboxState,
  allowed: readonly ExistingSandboxState['status'][],
  action: string,
  code: SandboxErrorCode,
): void {
  if (!allowed.includes(sandbox.status)) {
    throw new DomainError(
      code,
      `cannot ${action} sandbox ${sandbox.sandboxId}: it is ${sandbox.status}, not ${allowed.join(' or ')}`,
    );
  }
}
