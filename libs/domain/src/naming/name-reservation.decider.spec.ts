import { DeciderSpecification } from '../testing/decider-specification.js';
import type { ReleaseName, ReserveName } from './name-reservation.commands.js';
import { nameReservationDecider } from './name-reservation.decider.js';
import type { NameReleased, NameReserved } from './name-reservation.events.js';
import { nameReservationStreamName } from './name-reservation-stream-name.js';

// A kind of two words, to check how the command, event and holder names are derived from it.
const spec = DeciderSpecification.for(
  nameReservationDecider({
    kind: 'SandboxProfile',
    noun: 'sandbox profile',
    nameViolation: (name) => (name.includes(' ') ? 'name must not contain spaces' : undefined),
    invalidCode: 'PROFILE_INVALID',
    takenCode: 'PROFILE_NAME_TAKEN',
  }),
);

const reserve = (sandboxProfileId: string, name = 'default'): ReserveName<'SandboxProfile'> => ({
  type: 'ReserveSandboxProfileName',
  data: { workspaceId: 'ws-1', name, sandboxProfileId, at: '2025-01-01T10:00:00.000Z' },
});
const reserved = (sandboxProfileId: string): NameReserved<'SandboxProfile'> => ({
  type: 'SandboxProfileNameReserved',
  data: { workspaceId: 'ws-1', name: 'default', sandboxProfileId, reservedAt: '2025-01-01T10:00:00.000Z' },
});
const release = (sandboxProfileId: string): ReleaseName<'SandboxProfile'> => ({
  type: 'ReleaseSandboxProfileName',
  data: { sandboxProfileId, at: '2025-01-02T10:00:00.000Z' },
});
const released = (sandboxProfileId: string): NameReleased<'SandboxProfile'> => ({
  type: 'SandboxProfileNameReleased',
  data: { workspaceId: 'ws-1', name: 'default', sandboxProfileId, releasedAt: '2025-01-02T10:00:00.000Z' },
});

describe('name reservation decider', () => {
  it('names its commands, events and holder field after the kind', () => {
    spec
      .given([])
      .when(reserve('prof-1'))
      .then([reserved('prof-1')]);
    spec
      .given([reserved('prof-1')])
      .when(release('prof-1'))
      .then([released('prof-1')]);
  });

  it('lets another holder take a released name, and the first take it back after that is released', () => {
    spec
      .given([reserved('prof-1'), released('prof-1')])
      .when(reserve('prof-2'))
      .then([reserved('prof-2')]);
    spec
      .given([reserved('prof-1'), released('prof-1'), reserved('prof-2'), released('prof-2')])
      .when(reserve('prof-1'))
      .then([reserved('prof-1')]);
  });

  it("refuses with the kind's codes and noun", () => {
    spec
      .given([reserved('prof-1')])
      .when(reserve('prof-2'))
      .thenThrows('PROFILE_NAME_TAKEN', 'a sandbox profile named "default"');
    spec
      .given([])
      .when(reserve('prof-1', 'my profile'))
      .thenThrows('PROFILE_INVALID', 'invalid sandbox profile name: name must not contain spaces');
  });

  it('refuses an invalid name even to its holder', () => {
    spec
      .given([reserved('prof-1')])
      .when(reserve('prof-1', 'my profile'))
      .thenThrows('PROFILE_INVALID');
  });

  it('gives each resource, workspace and name its own stream', () => {
    expect(nameReservationStreamName('registry', 'ws-1', 'hub')).toBe('registry_name-ws-1:hub');
    expect(nameReservationStreamName('snapshot', 'ws-1', 'hub')).not.toBe(
      nameReservationStreamName('registry', 'ws-1', 'hub'),
    );
  });
});
