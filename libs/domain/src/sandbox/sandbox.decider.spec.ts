import { DeciderSpecification } from '../testing/decider-specification.js';
import type {
  CreateSandbox,
  DeleteSandbox,
  FailSandbox,
  MarkSandboxReady,
  SandboxCommand,
  StartSandbox,
  StopSandbox,
  UpdateSandbox,
} from './sandbox.commands.js';
import { sandboxDecider } from './sandbox.decider.js';
import type {
  SandboxCreated,
  SandboxDeleted,
  SandboxFailed,
  SandboxReady,
  SandboxStarted,
  SandboxStopped,
  SandboxUpdated,
} from './sandbox.events.js';
import type { SandboxStopReason } from './sandbox-stop-reason.js';
import { sandboxStreamName } from './sandbox-stream-name.js';

const spec = DeciderSpecification.for(sandboxDecider);
const ids = { sandboxId: 'box-1', workspaceId: 'ws-1' };
const MiB = 1024 * 1024;

const fields = {
  ...ids,
  name: 'my-box',
  snapshotId: 'snap-1',
  hostId: 'host-a',
  imageRef: 'snapforge/snap-1:latest',
  vcpus: 2,
  memBytes: 512 * MiB,
  fsCapacityBytes: 1024 * MiB,
  runConfig: { user: 'app', workDir: '/app', envVars: { LANG: 'C.UTF-8' } },
  idleTtlSeconds: 600,
  deleteAfterStopSeconds: 3600,
  createdBy: 'user-1',
};
const create = (data: Partial<CreateSandbox['data']> = {}): CreateSandbox => ({
  type: 'CreateSandbox',
  data: { ...fields, at: '2025-01-01T10:00:00.000Z', ...data },
});
const created = (data: Partial<SandboxCreated['data']> = {}): SandboxCreated => ({
  type: 'SandboxCreated',
  data: { ...fields, createdAt: '2025-01-01T10:00:00.000Z', ...data },
});

const markReady = (containerId = 'ctr-1'): MarkSandboxReady => ({
  type: 'MarkSandboxReady',
  data: { containerId, dataplaneUrl: `http://host-a:7000/${containerId}`, at: '2025-01-01T10:01:00.000Z' },
});
const ready = (version: number, containerId = 'ctr-1'): SandboxReady => ({
  type: 'SandboxReady',
  data: {
    ...ids,
    version,
    containerId,
    dataplaneUrl: `http://host-a:7000/${containerId}`,
    readyAt: '2025-01-01T10:01:00.000Z',
  },
});

const fail = (reason = 'container exited with code 137'): FailSandbox => ({
  type: 'FailSandbox',
  data: { reason, at: '2025-01-01T10:02:00.000Z' },
});
const failed = (version: number, reason = 'container exited with code 137'): SandboxFailed => ({
  type: 'SandboxFailed',
  data: { ...ids, version, reason, failedAt: '2025-01-01T10:02:00.000Z' },
});

const stop = (reason: SandboxStopReason = 'user'): StopSandbox => ({
  type: 'StopSandbox',
  data: { reason, at: '2025-01-01T11:00:00.000Z' },
});
const stopped = (version: number, reason: SandboxStopReason = 'user'): SandboxStopped => ({
  type: 'SandboxStopped',
  data: { ...ids, version, reason, stoppedAt: '2025-01-01T11:00:00.000Z' },
});

const start: StartSandbox = { type: 'StartSandbox', data: { at: '2025-01-01T12:00:00.000Z' } };
const started = (version: number): SandboxStarted => ({
  type: 'SandboxStarted',
  data: { ...ids, version, startedAt: '2025-01-01T12:00:00.000Z' },
});

const update = (data: Omit<UpdateSandbox['data'], 'at'>): UpdateSandbox => ({
  type: 'UpdateSandbox',
  data: { ...data, at: '2025-01-02T10:00:00.000Z' },
});
const updated = (version: number, data: Partial<SandboxUpdated['data']>): SandboxUpdated => ({
  type: 'SandboxUpdated',
  data: { ...ids, version, ...data, updatedAt: '2025-01-02T10:00:00.000Z' },
});

const deleteSandbox: DeleteSandbox = { type: 'DeleteSandbox', data: { at: '2025-01-03T10:00:00.000Z' } };
const deleted = (name = 'my-box'): SandboxDeleted => ({
  type: 'SandboxDeleted',
  data: { ...ids, name, snapshotId: 'snap-1', deletedAt: '2025-01-03T10:00:00.000Z' },
});

// The sandbox in each status, as its stream would hold it.
const provisioning = [created()];
const running = [created(), ready(2)];
const failedWhileProvisioning = [created(), failed(2)];
const failedOnceReady = [created(), ready(2), failed(3)];
const stoppedOnce = [created(), ready(2), stopped(3)];
const restarting = [created(), ready(2), stopped(3), started(4)];

const idleTtlRule = 'idle_ttl_seconds must be a non-negative integer multiple of 60';
const stopTtlRule = 'delete_after_stop_seconds must be a non-negative integer multiple of 60';

describe('sandbox decider', () => {
  describe('CreateSandbox', () => {
    it('creates a sandbox, provisioning on the host it was placed on', () => {
      spec.given([]).when(create()).then([created()]);
    });

    it('leaves absent optional fields out of the event', () => {
      const bare = create({ vcpus: undefined, memBytes: undefined, fsCapacityBytes: undefined, createdBy: undefined });
      const events = sandboxDecider.decide(bare, sandboxDecider.initialState());
      expect(Object.keys(events[0]?.data ?? {})).toEqual([
        'sandboxId',
        'workspaceId',
        'name',
        'snapshotId',
        'hostId',
        'imageRef',
        'runConfig',
        'idleTtlSeconds',
        'deleteAfterStopSeconds',
        'createdAt',
      ]);
    });

    it('stores only the fields of the contract, whatever else the command or its run config carries', () => {
      const runConfig = { ...fields.runConfig, privileged: true } as CreateSandbox['data']['runConfig'];
      const withExtras = create({ runConfig });
      const stray = { ...withExtras, data: { ...withExtras.data, apiKey: 'secret' } } as CreateSandbox;
      spec.given([]).when(stray).then([created()]);
    });

    it('accepts the bounds: vcpus of a fraction and of 64, 16 MiB of memory, TTLs of 0 (disabled) and 60', () => {
      const bounds = { vcpus: 0.5, memBytes: 16 * MiB, idleTtlSeconds: 0, deleteAfterStopSeconds: 60 };
      spec
        .given([])
        .when(create(bounds))
        .then([created(bounds)]);
      spec
        .given([])
        .when(create({ vcpus: 64 }))
        .then([created({ vcpus: 64 })]);
    });

    it('accepts a name as a snapshot may have it', () => {
      const name = `A1._-${'x'.repeat(123)}`;
      spec
        .given([])
        .when(create({ name }))
        .then([created({ name })]);
    });

    it.each([
      ['provisioning', provisioning],
      ['deleted (ids are never reused)', [...provisioning, deleted()]],
    ])('refuses when the sandbox already exists and is %s', (_status, given) => {
      spec.given(given).when(create()).thenThrows('SANDBOX_ALREADY_EXISTS', 'box-1');
    });

    it.each([
      ['an empty name', { name: '' }, 'name must not be empty'],
      ['a name longer than 128 characters', { name: 'x'.repeat(129) }, 'name must be at most 128 characters'],
      ['a name with a colon', { name: 'box:1' }, 'name must start with a letter or digit'],
      ['a name with a slash', { name: 'a/b' }, 'name must start with a letter or digit'],
      ['no vcpus', { vcpus: 0 }, 'vcpus must be a positive number of at most 64'],
      ['negative vcpus', { vcpus: -1 }, 'vcpus must be a positive number of at most 64'],
      ['more than 64 vcpus', { vcpus: 64.5 }, 'vcpus must be a positive number of at most 64'],
      ['vcpus that are no number', { vcpus: Number.NaN }, 'vcpus must be a positive number of at most 64'],
      ['memory under 16 MiB', { memBytes: 16 * MiB - 1 }, 'mem_bytes must be an integer of at least 16777216'],
      ['a fractional memory size', { memBytes: 16 * MiB + 0.5 }, 'mem_bytes must be an integer of at least 16777216'],
      ['a zero capacity', { fsCapacityBytes: 0 }, 'fs_capacity_bytes must be a positive integer'],
      ['a fractional capacity', { fsCapacityBytes: 1.5 }, 'fs_capacity_bytes must be a positive integer'],
      ['an idle TTL under a minute', { idleTtlSeconds: 59 }, idleTtlRule],
      ['an idle TTL of 90 s', { idleTtlSeconds: 90 }, idleTtlRule],
      ['a negative idle TTL', { idleTtlSeconds: -60 }, idleTtlRule],
      ['a fractional idle TTL', { idleTtlSeconds: 60.5 }, idleTtlRule],
      ['a stop TTL of 30 s', { deleteAfterStopSeconds: 30 }, stopTtlRule],
      ['a negative stop TTL', { deleteAfterStopSeconds: -3600 }, stopTtlRule],
      ['a relative work_dir', { runConfig: { workDir: 'app' } }, 'run_config.work_dir must be an absolute path'],
    ] satisfies [string, Partial<CreateSandbox['data']>, string][])(
      'refuses %s, naming the field',
      (_case, data, message) => {
        spec.given([]).when(create(data)).thenThrows('SANDBOX_INVALID', message);
      },
    );

    it('names every invalid field at once', () => {
      const invalid = create({
        name: '',
        vcpus: 0,
        memBytes: 1,
        fsCapacityBytes: 0,
        idleTtlSeconds: 1,
        deleteAfterStopSeconds: 1,
        runConfig: { workDir: 'app' },
      });
      const fieldNames = [
        'name',
        'vcpus',
        'mem_bytes',
        'fs_capacity_bytes',
        'idle_ttl_seconds',
        'delete_after_stop_seconds',
        'run_config.work_dir',
      ];
      for (const field of fieldNames) {
        spec.given([]).when(invalid).thenThrows('SANDBOX_INVALID', `${field} must`);
      }
    });
  });

  describe('MarkSandboxReady', () => {
    it('makes a provisioning sandbox ready with its container and data plane', () => {
      spec.given(provisioning).when(markReady()).then([ready(2)]);
    });

    it('makes a started sandbox ready again, in the same container or a new one', () => {
      spec.given(restarting).when(markReady()).then([ready(5)]);
      spec.given(restarting).when(markReady('ctr-2')).then([ready(5, 'ctr-2')]);
    });

    it.each([
      ['ready', running],
      ['stopped since', stoppedOnce],
      ['failed since', failedOnceReady],
    ])('ignores a repeated report of the recorded container when the sandbox is %s', (_case, given) => {
      spec.given(given).when(markReady()).then([]);
    });

    it.each([
      ['ready', running, 'ctr-2'],
      ['stopped', stoppedOnce, 'ctr-2'],
      ['failed', failedWhileProvisioning, 'ctr-1'],
    ])('refuses another container for a %s sandbox', (status, given, containerId) => {
      spec
        .given(given)
        .when(markReady(containerId))
        .thenThrows('SANDBOX_NOT_PROVISIONING', `it is ${status}, not provisioning`);
    });

    it.each([
      ['does not exist', []],
      ['was deleted', [...provisioning, deleted()]],
    ])('refuses when the sandbox %s', (_case, given) => {
      spec.given(given).when(markReady()).thenThrows('SANDBOX_NOT_FOUND');
    });
  });

  describe('FailSandbox', () => {
    it('fails a provisioning sandbox with the reason', () => {
      spec.given(provisioning).when(fail('image not found')).then([failed(2, 'image not found')]);
    });

    it('fails a ready sandbox', () => {
      spec.given(running).when(fail()).then([failed(3)]);
    });

    it('ignores a repeated failure, whatever its reason', () => {
      spec.given(failedWhileProvisioning).when(fail('another reason')).then([]);
    });

    it('refuses to fail a stopped sandbox', () => {
      spec
        .given(stoppedOnce)
        .when(fail())
        .thenThrows('SANDBOX_NOT_READY', 'it is stopped, not provisioning or ready');
    });

    it.each([
      ['does not exist', []],
      ['was deleted', [...provisioning, deleted()]],
    ])('refuses when the sandbox %s', (_case, given) => {
      spec.given(given).when(fail()).thenThrows('SANDBOX_NOT_FOUND');
    });
  });

  describe('StopSandbox', () => {
    it.each(['user', 'idle'] as const)('stops a ready sandbox, recording who stopped it: %s', (reason) => {
      spec.given(running).when(stop(reason)).then([stopped(3, reason)]);
    });

    it('ignores a stop of a stopped sandbox, whoever asks', () => {
      spec.given(stoppedOnce).when(stop('user')).then([]);
      spec.given(stoppedOnce).when(stop('idle')).then([]);
    });

    it.each([
      ['provisioning', provisioning],
      ['provisioning', restarting],
      ['failed', failedOnceReady],
    ])('refuses to stop a %s sandbox', (status, given) => {
      spec.given(given).when(stop()).thenThrows('SANDBOX_NOT_READY', `it is ${status}, not ready`);
    });

    it.each([
      ['does not exist', []],
      ['was deleted', [...running, deleted()]],
    ])('refuses when the sandbox %s', (_case, given) => {
      spec.given(given).when(stop()).thenThrows('SANDBOX_NOT_FOUND');
    });
  });

  describe('StartSandbox', () => {
    it('starts a stopped sandbox: it provisions again', () => {
      spec.given(stoppedOnce).when(start).then([started(4)]);
    });

    it('counts the versions on over stop and start cycles', () => {
      spec
        .given([...restarting, ready(5)])
        .when(stop('idle'))
        .then([stopped(6, 'idle')]);
      spec
        .given([...restarting, ready(5), stopped(6, 'idle')])
        .when(start)
        .then([started(7)]);
    });

    it.each([
      ['ready', running],
      ['provisioning', provisioning],
      ['provisioning after a start', restarting],
    ])('ignores a start of a %s sandbox', (_case, given) => {
      spec.given(given).when(start).then([]);
    });

    it('refuses to start a failed sandbox', () => {
      spec.given(failedOnceReady).when(start).thenThrows('SANDBOX_NOT_STOPPED', 'it is failed, not stopped');
    });

    it.each([
      ['does not exist', []],
      ['was deleted', [...stoppedOnce, deleted()]],
    ])('refuses when the sandbox %s', (_case, given) => {
      spec.given(given).when(start).thenThrows('SANDBOX_NOT_FOUND');
    });
  });

  describe('UpdateSandbox', () => {
    it('records only the fields that change', () => {
      spec
        .given(running)
        .when(update({ name: 'my-box', idleTtlSeconds: 1200, deleteAfterStopSeconds: 3600 }))
        .then([updated(3, { idleTtlSeconds: 1200 })]);
    });

    it('renames, naming the previous name for the release of its reservation', () => {
      spec
        .given(running)
        .when(update({ name: 'other-box' }))
        .then([updated(3, { rename: { from: 'my-box', to: 'other-box' } })]);
    });

    it('takes 0 to disable a TTL', () => {
      spec
        .given(running)
        .when(update({ idleTtlSeconds: 0, deleteAfterStopSeconds: 0 }))
        .then([updated(3, { idleTtlSeconds: 0, deleteAfterStopSeconds: 0 })]);
    });

    it.each([
      ['provisioning', provisioning, 2],
      ['stopped', stoppedOnce, 4],
      ['failed', failedWhileProvisioning, 3],
    ])('updates a %s sandbox', (_status, given, version) => {
      spec
        .given(given)
        .when(update({ idleTtlSeconds: 60 }))
        .then([updated(version, { idleTtlSeconds: 60 })]);
    });

    it('compares with the sandbox as updated', () => {
      const history = [...running, updated(3, { rename: { from: 'my-box', to: 'other-box' }, idleTtlSeconds: 60 })];
      spec
        .given(history)
        .when(update({ name: 'other-box', idleTtlSeconds: 60 }))
        .then([]);
      spec
        .given(history)
        .when(update({ name: 'my-box' }))
        .then([updated(4, { rename: { from: 'other-box', to: 'my-box' } })]);
    });

    it.each([
      ['nothing', {}],
      ['the same values', { name: 'my-box', idleTtlSeconds: 600, deleteAfterStopSeconds: 3600 }],
    ])('records nothing for an update that changes nothing: %s', (_case, data) => {
      spec.given(running).when(update(data)).then([]);
    });

    it('stores only the fields of the contract, whatever else the command carries', () => {
      const stray = {
        type: 'UpdateSandbox',
        data: { ...update({ idleTtlSeconds: 60 }).data, vcpus: 100 },
      } as UpdateSandbox;
      spec
        .given(running)
        .when(stray)
        .then([updated(3, { idleTtlSeconds: 60 })]);
    });

    it.each([
      ['an invalid name', { name: '-x' }, 'name must start with a letter or digit'],
      ['an idle TTL of 90 s', { idleTtlSeconds: 90 }, idleTtlRule],
      ['a negative stop TTL', { deleteAfterStopSeconds: -60 }, stopTtlRule],
    ])('refuses %s, naming the field', (_case, data, message) => {
      spec.given(running).when(update(data)).thenThrows('SANDBOX_INVALID', message);
    });

    it.each([
      ['does not exist', []],
      ['was deleted', [...running, deleted()]],
    ])('refuses when the sandbox %s', (_case, given) => {
      spec
        .given(given)
        .when(update({ idleTtlSeconds: 60 }))
        .thenThrows('SANDBOX_NOT_FOUND');
    });
  });

  describe('DeleteSandbox', () => {
    it.each([
      ['provisioning', provisioning],
      ['ready', running],
      ['failed', failedWhileProvisioning],
      ['stopped', stoppedOnce],
      ['provisioning after a start', restarting],
    ])('deletes a %s sandbox, naming its name and snapshot for their release', (_status, given) => {
      spec.given(given).when(deleteSandbox).then([deleted()]);
    });

    it('names the current name of a renamed sandbox', () => {
      spec
        .given([...running, updated(3, { rename: { from: 'my-box', to: 'other-box' } })])
        .when(deleteSandbox)
        .then([deleted('other-box')]);
    });

    // Consistent with snapshots and registries: a deleted sandbox is as gone as one never created.
    it.each([
      ['does not exist', []],
      ['was already deleted', [...running, deleted()]],
    ])('refuses when the sandbox %s', (_case, given) => {
      spec.given(given).when(deleteSandbox).thenThrows('SANDBOX_NOT_FOUND');
    });

    const later: SandboxCommand[] = [markReady(), fail(), stop(), start, update({ idleTtlSeconds: 60 }), deleteSandbox];
    it.each(later)('refuses every later command on a deleted sandbox: $type', (command) => {
      spec.given([...stoppedOnce, deleted()]).when(command).thenThrows('SANDBOX_NOT_FOUND', 'sandbox not found');
    });
  });

  describe('sandboxStreamName', () => {
    it('puts each sandbox in its own stream of the sandbox category', () => {
      expect(sandboxStreamName('box-1')).toBe('sandbox-box-1');
    });
  });
});
