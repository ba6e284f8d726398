import { DEFAULT_RUNS, parseBenchArguments } from './bench-arguments.js';

const names = ['registry-pull', 'local-image'];

describe('parseBenchArguments', () => {
  it('runs every scenario the default number of times without arguments', () => {
    expect(parseBenchArguments([], names)).toEqual({ scenarios: [], runs: DEFAULT_RUNS });
  });

  it('takes a scenario by name and --runs in both spellings', () => {
    expect(parseBenchArguments(['local-image', '--runs', '12'], names)).toEqual({ scenarios: ['local-image'], runs: 12 });
    expect(parseBenchArguments(['--runs=3'], names)).toEqual({ scenarios: [], runs: 3 });
  });

  it('refuses unknown scenarios and counts that are not whole and positive, naming what it takes', () => {
    expect(() => parseBenchArguments(['nope'], names)).toThrow('scenarios: registry-pull, local-image');
    for (const runs of [['--runs', '0'], ['--runs', '2.5'], ['--runs']]) {
      expect(() => parseBenchArguments(runs, names)).toThrow('--runs wants a whole number');
    }
  });
});
