import { registryNameStreamName } from '../registry/registry-name-stream-name.js';
import { sandboxNameStreamName } from '../sandbox/sandbox-name-stream-name.js';
import { snapshotNameStreamName } from '../snapshot/snapshot-name-stream-name.js';
import { DeciderSpecification } from '../testing/decider-specification.js';
import type { ReleaseProfileName, ReserveProfileName } from './profile-name.commands.js';
import { profileNameDecider } from './profile-name.decider.js';
import type { ProfileNameReleased, ProfileNameReserved } from './profile-name.events.js';
import { profileNameStreamName } from './profile-name-stream-name.js';
import { profileStreamName } from './profile-stream-name.js';

const spec = DeciderSpecification.for(profileNameDecider);

const reserve = (profileId: string, name = 'python-dev'): ReserveProfileName => ({
  type: 'ReserveProfileName',
  data: { workspaceId: 'ws-1', name, profileId, at: '2025-01-01T10:00:00.000Z' },
});
const reserved = (profileId: string): ProfileNameReserved => ({
  type: 'ProfileNameReserved',
  data: { workspaceId: 'ws-1', name: 'python-dev', profileId, reservedAt: '2025-01-01T10:00:00.000Z' },
});
const release = (profileId: string): ReleaseProfileName => ({
  type: 'ReleaseProfileName',
  data: { profileId, at: '2025-01-02T10:00:00.000Z' },
});
const released = (profileId: string): ProfileNameReleased => ({
  type: 'ProfileNameReleased',
  data: { workspaceId: 'ws-1', name: 'python-dev', profileId, releasedAt: '2025-01-02T10:00:00.000Z' },
});

describe('profile name decider', () => {
  it('reserves a free name, and again one its previous holder released', () => {
    spec.given([]).when(reserve('prof-1')).then([reserved('prof-1')]);
    spec
      .given([reserved('prof-1'), released('prof-1')])
      .when(reserve('prof-2'))
      .then([reserved('prof-2')]);
  });

  it('ignores a repeated reservation by the holder', () => {
    spec.given([reserved('prof-1')]).when(reserve('prof-1')).then([]);
  });

  it('refuses a name another profile holds, naming it', () => {
    spec
      .given([reserved('prof-1')])
      .when(reserve('prof-2'))
      .thenThrows('PROFILE_NAME_TAKEN', 'a profile named "python-dev" already exists');
  });

  it('refuses a name no profile may have', () => {
    spec
      .given([])
      .when(reserve('prof-1', 'python dev'))
      .thenThrows('PROFILE_INVALID', 'invalid profile name: name must start with');
  });

  it('frees the name when the holder releases it, and only then', () => {
    spec.given([reserved('prof-1')]).when(release('prof-1')).then([released('prof-1')]);
    spec.given([reserved('prof-1')]).when(release('prof-2')).then([]);
    spec.given([]).when(release('prof-1')).then([]);
  });

  it('gives each workspace and name its own stream, apart from other kinds of names and from profiles', () => {
    expect(profileNameStreamName('ws-1', 'python-dev')).toBe('profile_name-ws-1:python-dev');
    expect(profileNameStreamName('ws-2', 'dev')).not.toBe(profileNameStreamName('ws-1', 'dev'));
    for (const other of [snapshotNameStreamName, registryNameStreamName, sandboxNameStreamName]) {
      expect(profileNameStreamName('ws-1', 'dev')).not.toBe(other('ws-1', 'dev'));
    }
    const category = (stream: string) => stream.slice(0, stream.indexOf('-'));
    expect(category(profileNameStreamName('ws-1', 'dev'))).not.toBe(category(profileStreamName('prof-1')));
  });
});
