import { DeciderSpecification } from '../testing/decider-specification.js';
import type { CreateProfile, DeleteProfile, PublishProfile, UpdateDraft } from './profile.commands.js';
import { profileDecider } from './profile.decider.js';
import type { ProfileCreated, ProfileDeleted, ProfileDraftUpdated, ProfileVersionPublished } from './profile.events.js';
import type { ProfileSpec } from './profile-spec.js';
import { profileStreamName } from './profile-stream-name.js';

const spec = DeciderSpecification.for(profileDecider);
const ids = { profileId: 'prof-1', workspaceId: 'ws-1' };
const MiB = 1024 * 1024;

const draftSpec: ProfileSpec = {
  baseImage: 'python:3.12-slim',
  registryId: 'reg-1',
  setupScript: 'pip install uv\n',
  runConfig: { user: 'app', workDir: '/app', envVars: { LANG: 'C.UTF-8' } },
  vcpus: 2,
  memBytes: 512 * MiB,
  fsCapacityBytes: 1024 * MiB,
};

const create = (data: Partial<CreateProfile['data']> = {}): CreateProfile => ({
  type: 'CreateProfile',
  data: { ...ids, name: 'python-dev', at: '2025-01-01T10:00:00.000Z', ...data },
});
const created = (name = 'python-dev'): ProfileCreated => ({
  type: 'ProfileCreated',
  data: { ...ids, name, createdAt: '2025-01-01T10:00:00.000Z' },
});

const updateDraft = (draft: Partial<ProfileSpec> = {}, at = '2025-01-01T10:05:00.000Z'): UpdateDraft => ({
  type: 'UpdateDraft',
  data: { ...draftSpec, ...draft, at },
});
const draftUpdated = (revision: number, draft: ProfileSpec = draftSpec): ProfileDraftUpdated => ({
  type: 'ProfileDraftUpdated',
  data: { ...ids, revision, draft, updatedAt: '2025-01-01T10:05:00.000Z' },
});

const publish: PublishProfile = { type: 'PublishProfile', data: { at: '2025-01-01T11:00:00.000Z' } };
const published = (revision: number, version: number, frozen: ProfileSpec = draftSpec): ProfileVersionPublished => ({
  type: 'ProfileVersionPublished',
  data: { ...ids, revision, version, spec: frozen, publishedAt: '2025-01-01T11:00:00.000Z' },
});

const deleteProfile: DeleteProfile = { type: 'DeleteProfile', data: { at: '2025-01-02T10:00:00.000Z' } };
const deleted: ProfileDeleted = {
  type: 'ProfileDeleted',
  data: { ...ids, name: 'python-dev', deletedAt: '2025-01-02T10:00:00.000Z' },
};

// The profile at each stage, as its stream would hold it.
const fresh = [created()];
const drafted = [created(), draftUpdated(2)];
const publishedOnce = [created(), draftUpdated(2), published(3, 1)];

const scriptRule = 'setup_script must be at most 65536 bytes (64 KiB) of UTF-8';

describe('profile decider', () => {
  describe('CreateProfile', () => {
    it('creates a profile without a draft', () => {
      spec.given([]).when(create()).then([created()]);
    });

    it('stores only the fields of the contract, whatever else the command carries', () => {
      const stray = { type: 'CreateProfile', data: { ...create().data, baseImage: 'x' } } as CreateProfile;
      spec.given([]).when(stray).then([created()]);
    });

    it.each([
      ['exists', fresh],
      ['was deleted (ids are never reused)', [...fresh, deleted]],
    ])('refuses when the profile %s', (_case, given) => {
      spec.given(given).when(create()).thenThrows('PROFILE_ALREADY_EXISTS', 'prof-1');
    });

    it.each([
      ['an empty name', '', 'name must not be empty'],
      ['a name with a colon', 'py:dev', 'name must start with a letter or digit'],
      ['a name longer than 128 characters', 'x'.repeat(129), 'name must be at most 128 characters'],
    ])('refuses %s, naming the field', (_case, name, message) => {
      spec.given([]).when(create({ name })).thenThrows('PROFILE_INVALID', `invalid profile: ${message}`);
    });
  });

  describe('UpdateDraft', () => {
    it('saves the first draft', () => {
      spec.given(fresh).when(updateDraft()).then([draftUpdated(2)]);
    });

    it('replaces the whole draft: a field left out is cleared', () => {
      const bare: ProfileSpec = { baseImage: 'debian:12', setupScript: '' };
      spec
        .given(drafted)
        .when({ type: 'UpdateDraft', data: { ...bare, at: '2025-01-01T10:05:00.000Z' } })
        .then([draftUpdated(3, bare)]);
    });

    it('records nothing when the draft is saved unchanged, env vars in whatever order', () => {
      spec.given(drafted).when(updateDraft()).then([]);
      const reordered = { runConfig: { envVars: { LANG: 'C.UTF-8' }, workDir: '/app', user: 'app' } };
      spec.given(drafted).when(updateDraft(reordered)).then([]);
    });

    it.each([
      ['the base image', { baseImage: 'python:3.13-slim' }],
      ['the registry, cleared', { registryId: undefined }],
      ['the setup script', { setupScript: 'pip install uv ruff\n' }],
      ['an env var', { runConfig: { ...draftSpec.runConfig, envVars: { LANG: 'C' } } }],
      ['an env var added', { runConfig: { ...draftSpec.runConfig, envVars: { LANG: 'C.UTF-8', TZ: 'UTC' } } }],
      ['the run config, cleared', { runConfig: undefined }],
      ['the memory', { memBytes: 1024 * MiB }],
    ] satisfies [string, Partial<ProfileSpec>][])('records a change of %s', (_case, change) => {
      spec
        .given(drafted)
        .when(updateDraft(change))
        .then([draftUpdated(3, { ...draftSpec, ...change })]);
    });

    it('leaves cleared fields out of the event rather than present as undefined', () => {
      const [event] = profileDecider.decide(
        updateDraft({ registryId: undefined, runConfig: undefined, vcpus: undefined }),
        drafted.reduce(profileDecider.evolve, profileDecider.initialState()),
      );
      expect(event?.type === 'ProfileDraftUpdated' && Object.keys(event.data.draft)).toEqual([
        'baseImage',
        'setupScript',
        'memBytes',
        'fsCapacityBytes',
      ]);
    });

    it('saves a draft without a base image yet: only publishing needs one', () => {
      spec
        .given(fresh)
        .when(updateDraft({ baseImage: '' }))
        .then([draftUpdated(2, { ...draftSpec, baseImage: '' })]);
    });

    it('keeps editing the draft after a publish', () => {
      spec
        .given(publishedOnce)
        .when(updateDraft({ setupScript: 'true\n' }))
        .then([draftUpdated(4, { ...draftSpec, setupScript: 'true\n' })]);
    });

    it('stores only the fields of the contract, whatever else the command or its run config carries', () => {
      const stray = {
        type: 'UpdateDraft',
        data: { ...updateDraft().data, privileged: true, runConfig: { ...draftSpec.runConfig, network: 'host' } },
      } as UpdateDraft;
      spec.given(fresh).when(stray).then([draftUpdated(2)]);
    });

    it('accepts a setup script of exactly 64 KiB of UTF-8', () => {
      const setupScript = 'é'.repeat(32 * 1024);
      spec
        .given(fresh)
        .when(updateDraft({ setupScript }))
        .then([draftUpdated(2, { ...draftSpec, setupScript })]);
    });

    it.each([
      ['a setup script over 64 KiB', { setupScript: 'x'.repeat(64 * 1024 + 1) }, scriptRule],
      ['64 KiB of UTF-8 in fewer characters', { setupScript: 'é'.repeat(32 * 1024 + 1) }, scriptRule],
      ['a relative work_dir', { runConfig: { workDir: 'app' } }, 'run_config.work_dir must be an absolute path'],
      ['no vcpus', { vcpus: 0 }, 'vcpus must be a positive number of at most 64'],
      ['more than 64 vcpus', { vcpus: 65 }, 'vcpus must be a positive number of at most 64'],
      ['memory under 16 MiB', { memBytes: 16 * MiB - 1 }, 'mem_bytes must be an integer of at least 16777216'],
      ['a fractional capacity', { fsCapacityBytes: 1.5 }, 'fs_capacity_bytes must be a positive integer'],
    ] satisfies [string, Partial<ProfileSpec>, string][])('refuses %s, naming the field', (_case, change, message) => {
      spec.given(drafted).when(updateDraft(change)).thenThrows('PROFILE_INVALID', message);
    });

    it('names every invalid field at once', () => {
      const invalid = updateDraft({
        setupScript: 'x'.repeat(70_000),
        vcpus: 0,
        memBytes: 1,
        fsCapacityBytes: 0,
        runConfig: { workDir: 'app' },
      });
      for (const field of ['setup_script', 'vcpus', 'mem_bytes', 'fs_capacity_bytes', 'run_config.work_dir']) {
        spec.given(fresh).when(invalid).thenThrows('PROFILE_INVALID', `${field} must`);
      }
    });

    it.each([
      ['does not exist', []],
      ['was deleted', [...drafted, deleted]],
    ])('refuses when the profile %s', (_case, given) => {
      spec.given(given).when(updateDraft()).thenThrows('PROFILE_NOT_FOUND');
    });
  });

  describe('PublishProfile', () => {
    it('publishes the draft as version 1', () => {
      spec.given(drafted).when(publish).then([published(3, 1)]);
    });

    it('numbers each version after the last, with a copy of the draft as it is now', () => {
      const edited = { ...draftSpec, setupScript: 'pip install uv ruff\n' };
      spec
        .given([...publishedOnce, draftUpdated(4, edited)])
        .when(publish)
        .then([published(5, 2, edited)]);
      spec
        .given([...publishedOnce, published(4, 2)])
        .when(publish)
        .then([published(5, 3)]);
    });

    it('refuses without a draft', () => {
      spec.given(fresh).when(publish).thenThrows('PROFILE_DRAFT_EMPTY', 'prof-1 has no draft to publish');
    });

    it('refuses a draft without a base image', () => {
      spec
        .given([created(), draftUpdated(2, { ...draftSpec, baseImage: ' ' })])
        .when(publish)
        .thenThrows('PROFILE_INVALID', 'invalid profile version: base_image must not be empty');
    });

    it.each([
      ['does not exist', []],
      ['was deleted', [...drafted, deleted]],
    ])('refuses when the profile %s', (_case, given) => {
      spec.given(given).when(publish).thenThrows('PROFILE_NOT_FOUND');
    });
  });

  describe('DeleteProfile', () => {
    it.each([
      ['fresh', fresh],
      ['with a draft', drafted],
      ['with published versions', publishedOnce],
    ])('deletes a profile %s, naming its name for the release of the reservation', (_case, given) => {
      spec.given(given).when(deleteProfile).then([deleted]);
    });

    it.each([
      ['does not exist', []],
      ['was already deleted', [...fresh, deleted]],
    ])('refuses when the profile %s', (_case, given) => {
      spec.given(given).when(deleteProfile).thenThrows('PROFILE_NOT_FOUND');
    });
  });

  it('keeps each profile in its own stream of the profile category', () => {
    expect(profileStreamName('prof-1')).toBe('profile-prof-1');
  });
});
