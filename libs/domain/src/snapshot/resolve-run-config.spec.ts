import { layerRunConfig, resolveRunConfig } from './resolve-run-config.js';
import type { SnapshotRunConfig } from './snapshot-run-config.js';

const image: SnapshotRunConfig = {
  user: 'app',
  workDir: '/srv',
  envVars: { PATH: '/usr/local/bin:/usr/bin', LANG: 'C' },
};

describe('resolveRunConfig', () => {
  it("keeps the image's configuration when there is no override", () => {
    expect(resolveRunConfig(image, undefined)).toEqual(image);
    expect(resolveRunConfig(image, {})).toEqual(image);
  });

  it("replaces the image's user and work dir with the override's", () => {
    expect(resolveRunConfig(image, { user: 'root', workDir: '/app' })).toEqual({
      ...image,
      user: 'root',
      workDir: '/app',
    });
  });

  it('merges environment variables key by key, the override winning', () => {
    expect(resolveRunConfig(image, { envVars: { LANG: 'C.UTF-8', DEBUG: '1' } }).envVars).toEqual({
      PATH: '/usr/local/bin:/usr/bin',
      LANG: 'C.UTF-8',
      DEBUG: '1',
    });
  });

  it('takes an override field the image does not set', () => {
    expect(resolveRunConfig({}, { user: 'app', envVars: { A: '1' } })).toEqual({ user: 'app', envVars: { A: '1' } });
  });

  it('leaves fields neither sets absent rather than undefined', () => {
    const resolved = resolveRunConfig({ user: undefined, workDir: undefined, envVars: undefined }, { user: undefined });
    expect(Object.keys(resolved)).toEqual([]);
    expect(Object.keys(resolveRunConfig({ workDir: '/srv' }, undefined))).toEqual(['workDir']);
  });

  it('keeps an empty environment the image reports', () => {
    expect(resolveRunConfig({ envVars: {} }, undefined)).toEqual({ envVars: {} });
  });

  it('changes neither input', () => {
    const override = { envVars: { LANG: 'C.UTF-8' } };
    const resolved = resolveRunConfig(image, override);
    expect(image.envVars).toEqual({ PATH: '/usr/local/bin:/usr/bin', LANG: 'C' });
    expect(override.envVars).toEqual({ LANG: 'C.UTF-8' });
    expect(resolved.envVars).not.toBe(image.envVars);
    expect(resolved.envVars).not.toBe(override.envVars);
  });
});

describe('layerRunConfig', () => {
  it('applies snapshot, sandbox and command layers in that order', () => {
    const snapshot: SnapshotRunConfig = { user: 'app', workDir: '/srv', envVars: { A: 'snapshot', B: 'snapshot' } };
    const sandbox: SnapshotRunConfig = { workDir: '/work', envVars: { B: 'sandbox', C: 'sandbox' } };
    const command: SnapshotRunConfig = { envVars: { C: 'command' } };
    expect(layerRunConfig(snapshot, sandbox, command)).toEqual({
      user: 'app',
      workDir: '/work',
      envVars: { A: 'snapshot', B: 'sandbox', C: 'command' },
    });
  });

  it('skips absent layers and gives an empty config for none', () => {
    expect(layerRunConfig(undefined, { user: 'app' }, undefined)).toEqual({ user: 'app' });
    expect(layerRunConfig()).toEqual({});
  });
});
