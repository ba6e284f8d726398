import { DeciderSpecification } from '../testing/decider-specification.js';
import type {
  CompleteBuild,
  DeleteSnapshot,
  FailBuild,
  ReferenceSnapshot,
  ReleaseSnapshotReference,
  RecordBuiltSnapshot,
  RequestSnapshot,
  StartBuild,
} from './snapshot.commands.js';
import { snapshotDecider } from './snapshot.decider.js';
import type { SnapshotSource } from './snapshot-source.js';
import type {
  SnapshotBuildFailed,
  SnapshotBuildStarted,
  SnapshotBuilt,
  SnapshotDeleted,
  SnapshotReferenced,
  SnapshotReferenceReleased,
  SnapshotRequested,
} from './snapshot.events.js';

const spec = DeciderSpecification.for(snapshotDecider);
const ids = { snapshotId: 'snap-1', workspaceId: 'ws-1' };

const request = (data: Partial<RequestSnapshot['data']> = {}): RequestSnapshot => ({
  type: 'RequestSnapshot',
  data: {
    ...ids,
    name: 'python-3.12',
    source: { kind: 'image', dockerImage: 'registry.local/python:3.12', registryId: 'reg-1' },
    fsCapacityBytes: 1_073_741_824,
    runConfig: { workDir: '/app', envVars: { LANG: 'C.UTF-8' } },
    buildTimeoutSeconds: 600,
    createdBy: 'user-1',
    requestedAt: '2025-01-01T10:00:00.000Z',
    ...data,
  },
});
const requested: SnapshotRequested = { type: 'SnapshotRequested', data: request().data };

const startBuild = (attempt: number, agentId = 'agent-a'): StartBuild => ({
  type: 'StartBuild',
  data: { agentId, attempt, startedAt: `2025-01-01T10:0${attempt}:00.000Z` },
});
const buildStarted = (attempt: number, agentId = 'agent-a'): SnapshotBuildStarted => ({
  type: 'SnapshotBuildStarted',
  data: { ...ids, ...startBuild(attempt, agentId).data },
});

const completeBuild = (imageDigest = 'sha256:aaa'): CompleteBuild => ({
  type: 'CompleteBuild',
  data: {
    imageRef: 'snapforge/snap-1:latest',
    imageDigest,
    fsUsedBytes: 52_428_800,
    runConfig: { user: 'app', workDir: '/app', envVars: { LANG: 'C.UTF-8', PATH: '/usr/bin' } },
    completedAt: '2025-01-01T10:05:00.000Z',
  },
});
const built = (imageDigest = 'sha256:aaa'): SnapshotBuilt => ({
  type: 'SnapshotBuilt',
  data: { ...ids, ...completeBuild(imageDigest).data },
});

const failBuild = (reason = 'build timed out after 600 s'): FailBuild => ({
  type: 'FailBuild',
  data: { reason, failedAt: '2025-01-01T10:10:00.000Z' },
});
const buildFailed = (reason = 'build timed out after 600 s'): SnapshotBuildFailed => ({
  type: 'SnapshotBuildFailed',
  data: { ...ids, ...failBuild(reason).data },
});

const deleteSnapshot: DeleteSnapshot = { type: 'DeleteSnapshot', data: { deletedAt: '2025-01-02T00:00:00.000Z' } };
const deleted: SnapshotDeleted = {
  type: 'SnapshotDeleted',
  data: { ...ids, name: 'python-3.12', deletedAt: '2025-01-02T00:00:00.000Z' },
};

const reference = (sandboxId: string): ReferenceSnapshot => ({
  type: 'ReferenceSnapshot',
  data: { sandboxId, at: '2025-01-01T11:00:00.000Z' },
});
const referenced = (sandboxId: string, referenceVersion: number): SnapshotReferenced => ({
  type: 'SnapshotReferenced',
  data: { ...ids, sandboxId, referenceVersion, referencedAt: '2025-01-01T11:00:00.000Z' },
});
const release = (sandboxId: string): ReleaseSnapshotReference => ({
  type: 'ReleaseSnapshotReference',
  data: { sandboxId, at: '2025-01-01T12:00:00.000Z' },
});
const referenceReleased = (sandboxId: string, referenceVersion: number): SnapshotReferenceReleased => ({
  type: 'SnapshotReferenceReleased',
  data: { ...ids, sandboxId, referenceVersion, releasedAt: '2025-01-01T12:00:00.000Z' },
});

const recordBuilt = (imageRef = 'snapforge/profile-job:job-1'): RecordBuiltSnapshot => ({
  type: 'RecordBuiltSnapshot',
  data: {
    request: { ...request().data, source: { kind: 'profile_job', jobId: 'job-1', imageRef } },
    build: { ...completeBuild().data, imageRef },
  },
});

describe('snapshot decider', () => {
  describe('RecordBuiltSnapshot', () => {
    it('records a profile job\'s image as requested and built in one decision', () => {
      const { request: requestData, build } = recordBuilt().data;
      spec
        .given([])
        .when(recordBuilt())
        .then([
          { type: 'SnapshotRequested', data: requestData },
          { type: 'SnapshotBuilt', data: { ...ids, ...build } },
        ]);
    });

    it('refuses when the snapshot already exists', () => {
      spec.given([requested]).when(recordBuilt()).thenThrows('SNAPSHOT_ALREADY_EXISTS', 'snap-1');
    });

    it('refuses a job snapshot without its image', () => {
      spec.given([]).when(recordBuilt(' ')).thenThrows('SNAPSHOT_INVALID', 'job id and image');
    });
  });

  describe('RequestSnapshot', () => {
    it('requests a new snapshot, which then builds', () => {
      spec.given([]).when(request()).then([requested]);
    });

    it('stores only the fields of the contract, whatever else the command carries', () => {
      const source = { kind: 'image', dockerImage: 'python:3.12' } satisfies SnapshotSource;
      const withExtras = request({ source: { ...source, debug: true } as SnapshotSource });
      const stray = { ...withExtras, data: { ...withExtras.data, password: 'secret' } } as RequestSnapshot;
      spec.given([]).when(stray).then([{ type: 'SnapshotRequested', data: request({ source }).data }]);
    });

    it('accepts a capture from a sandbox and a request without optional fields', () => {
      const capture = request({ source: { kind: 'sandbox', sandboxId: 'box-1' }, runConfig: undefined });
      spec.given([]).when(capture).then([{ type: 'SnapshotRequested', data: capture.data }]);
    });

    it('accepts a name of 128 characters made of letters, digits, dots, underscores and dashes', () => {
      const name = `A1._-${'x'.repeat(123)}`;
      spec.given([]).when(request({ name })).then([{ type: 'SnapshotRequested', data: request({ name }).data }]);
    });

    it.each([
      ['building', [requested]],
      ['ready', [requested, buildStarted(1), built()]],
      ['failed', [requested, buildFailed()]],
      ['deleted (ids are never reused)', [requested, deleted]],
    ])('refuses when the snapshot already exists and is %s', (_status, given) => {
      spec.given(given).when(request()).thenThrows('SNAPSHOT_ALREADY_EXISTS', 'snap-1');
    });

    it.each([
      ['an empty name', { name: '' }, 'name must not be empty'],
      ['a name longer than 128 characters', { name: 'x'.repeat(129) }, 'name must be at most 128 characters'],
      ['a name starting with a dot', { name: '.hidden' }, 'name must start with a letter or digit'],
      ['a name starting with a dash', { name: '-x' }, 'name must start with a letter or digit'],
      ['a name with a slash', { name: 'a/b' }, 'name must start with a letter or digit'],
      ['a name with a colon', { name: 'python:3' }, 'name must start with a letter or digit'],
      ['a name with a space', { name: 'my image' }, 'name must start with a letter or digit'],
      ['a name with non-ASCII letters', { name: 'café' }, 'name must start with a letter or digit'],
      ['an empty docker image', { source: { kind: 'image', dockerImage: ' ' } }, 'docker_image must not be empty'],
      ['an empty source sandbox', { source: { kind: 'sandbox', sandboxId: '' } }, 'sandbox_id must not be empty'],
      ['a zero capacity', { fsCapacityBytes: 0 }, 'fs_capacity_bytes must be a positive integer'],
      ['a negative capacity', { fsCapacityBytes: -1 }, 'fs_capacity_bytes must be a positive integer'],
      ['a fractional capacity', { fsCapacityBytes: 1.5 }, 'fs_capacity_bytes must be a positive integer'],
      ['a capacity that is no number', { fsCapacityBytes: Number.NaN }, 'fs_capacity_bytes must be a positive integer'],
      ['a zero build timeout', { buildTimeoutSeconds: 0 }, 'build_timeout_seconds must be a positive integer'],
      ['a fractional build timeout', { buildTimeoutSeconds: 0.5 }, 'build_timeout_seconds must be a positive integer'],
      ['a relative work_dir', { runConfig: { workDir: 'app' } }, 'run_config.work_dir must be an absolute path'],
      ['an empty work_dir', { runConfig: { workDir: '' } }, 'run_config.work_dir must be an absolute path'],
    ] satisfies [string, Partial<RequestSnapshot['data']>, string][])(
      'refuses %s, naming the field',
      (_case, data, message) => {
        spec.given([]).when(request(data)).thenThrows('SNAPSHOT_INVALID', message);
      },
    );

    it('names every invalid field at once', () => {
      const invalid = request({ name: '', fsCapacityBytes: 0, buildTimeoutSeconds: -5 });
      spec.given([]).when(invalid).thenThrows('SNAPSHOT_INVALID', 'fs_capacity_bytes');
      spec.given([]).when(invalid).thenThrows('SNAPSHOT_INVALID', 'name must not be empty');
      spec.given([]).when(invalid).thenThrows('SNAPSHOT_INVALID', 'build_timeout_seconds');
    });
  });

  describe('StartBuild', () => {
    it('records the first attempt of a building snapshot', () => {
      spec.given([requested]).when(startBuild(1)).then([buildStarted(1)]);
    });

    it('records a redelivery to another agent as a new attempt', () => {
      spec.given([requested, buildStarted(1)]).when(startBuild(2, 'agent-b')).then([buildStarted(2, 'agent-b')]);
    });

    it.each([1, 2])('ignores a repeated or late report of attempt %i once attempt 2 started', (attempt) => {
      spec.given([requested, buildStarted(1), buildStarted(2, 'agent-b')]).when(startBuild(attempt)).then([]);
    });

    it('ignores a repeated report of an attempt that has since finished', () => {
      spec.given([requested, buildStarted(1), built()]).when(startBuild(1)).then([]);
      spec.given([requested, buildStarted(1), buildFailed()]).when(startBuild(1)).then([]);
    });

    it.each([
      ['ready', [requested, buildStarted(1), built()]],
      ['failed', [requested, buildStarted(1), buildFailed()]],
    ])('refuses a new attempt on a %s snapshot', (status, given) => {
      spec.given(given).when(startBuild(2)).thenThrows('SNAPSHOT_NOT_BUILDING', `it is ${status}`);
    });

    it.each([
      ['does not exist', []],
      ['was deleted', [requested, deleted]],
    ])('refuses when the snapshot %s', (_case, given) => {
      spec.given(given).when(startBuild(1)).thenThrows('SNAPSHOT_NOT_FOUND');
    });
  });

  describe('CompleteBuild', () => {
    it('makes a building snapshot ready', () => {
      spec.given([requested, buildStarted(1)]).when(completeBuild()).then([built()]);
    });

    it('accepts a result even when no start was reported', () => {
      spec.given([requested]).when(completeBuild()).then([built()]);
    });

    it('ignores a repeated report of the same build', () => {
      spec.given([requested, buildStarted(1), built()]).when(completeBuild()).then([]);
    });

    it('refuses a different image for a snapshot already ready', () => {
      spec
        .given([requested, buildStarted(1), built('sha256:aaa')])
        .when(completeBuild('sha256:bbb'))
        .thenThrows('SNAPSHOT_NOT_BUILDING', 'it is ready');
    });

    it('refuses a result for a failed snapshot', () => {
      spec.given([requested, buildFailed()]).when(completeBuild()).thenThrows('SNAPSHOT_NOT_BUILDING', 'it is failed');
    });

    it.each([
      ['does not exist', []],
      ['was deleted while building (the result is ignored)', [requested, buildStarted(1), deleted]],
      ['was deleted once ready', [requested, buildStarted(1), built(), deleted]],
    ])('refuses when the snapshot %s', (_case, given) => {
      spec.given(given).when(completeBuild()).thenThrows('SNAPSHOT_NOT_FOUND');
    });
  });

  describe('FailBuild', () => {
    it('marks a building snapshot failed with the reason', () => {
      spec
        .given([requested, buildStarted(1)])
        .when(failBuild('image not found'))
        .then([buildFailed('image not found')]);
    });

    it('ignores a repeated failure report, whatever its reason', () => {
      spec.given([requested, buildFailed('image not found')]).when(failBuild('other reason')).then([]);
    });

    it('refuses to fail a ready snapshot', () => {
      spec.given([requested, built()]).when(failBuild()).thenThrows('SNAPSHOT_NOT_BUILDING', 'it is ready');
    });

    it.each([
      ['does not exist', []],
      ['was deleted', [requested, deleted]],
    ])('refuses when the snapshot %s', (_case, given) => {
      spec.given(given).when(failBuild()).thenThrows('SNAPSHOT_NOT_FOUND');
    });
  });

  describe('DeleteSnapshot', () => {
    it.each([
      ['building', [requested, buildStarted(1)]],
      ['ready', [requested, buildStarted(1), built()]],
      ['failed', [requested, buildFailed()]],
    ])('deletes a %s snapshot, naming it for the name reservation', (_status, given) => {
      spec.given(given).when(deleteSnapshot).then([deleted]);
    });

    it.each([
      ['does not exist', []],
      ['was already deleted', [requested, deleted]],
    ])('refuses when the snapshot %s', (_case, given) => {
      spec.given(given).when(deleteSnapshot).thenThrows('SNAPSHOT_NOT_FOUND');
    });
  });
  describe('ReferenceSnapshot', () => {
    const ready = [requested, buildStarted(1), built()];

    it('records a sandbox booting from a ready snapshot', () => {
      spec.given(ready).when(reference('box-1')).then([referenced('box-1', 1)]);
    });

    it('records every sandbox, numbering the reference events on', () => {
      spec
        .given([...ready, referenced('box-1', 1), referenceReleased('box-1', 2)])
        .when(reference('box-2'))
        .then([referenced('box-2', 3)]);
    });

    it('ignores a repeated reference by the same sandbox', () => {
      spec
        .given([...ready, referenced('box-1', 1)])
        .when(reference('box-1'))
        .then([]);
    });

    it('lets a sandbox whose creation was abandoned reference the snapshot again', () => {
      spec
        .given([...ready, referenced('box-1', 1), referenceReleased('box-1', 2)])
        .when(reference('box-1'))
        .then([referenced('box-1', 3)]);
    });

    it.each([
      ['building', [requested, buildStarted(1)]],
      ['failed', [requested, buildFailed()]],
    ])('refuses a %s snapshot, saying its status', (status, given) => {
      spec.given(given).when(reference('box-1')).thenThrows('SNAPSHOT_NOT_READY', `it is ${status}, not ready`);
    });

    it.each([
      ['does not exist', []],
      ['was deleted', [...ready, deleted]],
    ])('refuses when the snapshot %s', (_case, given) => {
      spec.given(given).when(reference('box-1')).thenThrows('SNAPSHOT_NOT_FOUND');
    });
  });

  describe('ReleaseSnapshotReference', () => {
    const ready = [requested, buildStarted(1), built()];

    it("releases a sandbox's reference", () => {
      spec
        .given([...ready, referenced('box-1', 1), referenced('box-2', 2)])
        .when(release('box-1'))
        .then([referenceReleased('box-1', 3)]);
    });

    it.each([
      ['a sandbox that holds no reference', [...ready, referenced('box-2', 1)]],
      ['a reference already released', [...ready, referenced('box-1', 1), referenceReleased('box-1', 2)]],
      ['a snapshot that does not exist', []],
      ['a snapshot deleted since', [...ready, referenced('box-1', 1), referenceReleased('box-1', 2), deleted]],
    ])('records nothing for %s', (_case, given) => {
      spec.given(given).when(release('box-1')).then([]);
    });
  });

  describe('references and DeleteSnapshot', () => {
    const ready = [requested, buildStarted(1), built()];

    it('refuses to delete a snapshot a sandbox boots from, naming the sandbox', () => {
      spec
        .given([...ready, referenced('box-1', 1)])
        .when(deleteSnapshot)
        .thenThrows('SNAPSHOT_REFERENCED', 'while sandboxes use it: box-1;');
    });

    it('names every sandbox in the way, sorted', () => {
      spec
        .given([...ready, referenced('box-2', 1), referenced('box-1', 2), referenced('box-3', 3)])
        .when(deleteSnapshot)
        .thenThrows('SNAPSHOT_REFERENCED', 'box-1, box-2, box-3');
    });

    it('deletes the snapshot once every reference is released', () => {
      spec
        .given([
          ...ready,
          referenced('box-1', 1),
          referenced('box-2', 2),
          referenceReleased('box-2', 3),
          referenceReleased('box-1', 4),
        ])
        .when(deleteSnapshot)
        .then([deleted]);
    });

    it('lets only one of a delete and a sandbox creation decided on the same state win', () => {
      // Both are accepted on the state they were decided on; the stream's revision makes the second
      // append fail, and deciding it again on the stream as it now is refuses it.
      spec.given(ready).when(deleteSnapshot).then([deleted]);
      spec.given(ready).when(reference('box-1')).then([referenced('box-1', 1)]);
      spec.given([...ready, deleted]).when(reference('box-1')).thenThrows('SNAPSHOT_NOT_FOUND');
      spec
        .given([...ready, referenced('box-1', 1)])
        .when(deleteSnapshot)
        .thenThrows('SNAPSHOT_REFERENCED', 'box-1');
    });
  });
});
