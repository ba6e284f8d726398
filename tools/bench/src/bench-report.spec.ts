import { failedScenarioReport, scenarioReport } from './bench-report.js';
import type { Scenario } from './scenario.js';

const scenario: Scenario = {
  name: 'example',
  title: 'an example',
  comparisons: [
    { subject: 'ours', baseline: 'raw', targetRatio: 1.2 },
    { subject: 'ours', baseline: 'other' },
  ],
  run: async () => ({ samples: {} }),
};

describe('scenarioReport', () => {
  it('compares the medians: ratio, difference in ms, and whether the target ratio is met', () => {
    const report = scenarioReport(scenario, { samples: { raw: [100, 300, 200], ours: [230.04, 250, 210], other: [460] }, facts: { bytes: 5 } }, 1234.4);
    expect(report.series['ours']).toEqual({ runs: 3, median: 230, p90: 250, min: 210, max: 250, samples: [230, 250, 210] });
    expect(report.comparisons).toEqual([
      { subject: 'ours', baseline: 'raw', targetRatio: 1.2, ratio: 1.15, differenceMs: 30, targetMet: true },
      { subject: 'ours', baseline: 'other', ratio: 0.5, differenceMs: -230 },
    ]);
    expect(report).toMatchObject({ name: 'example', durationMs: 1234, facts: { bytes: 5 } });
  });

  it('counts a ratio at the target as missed', () => {
    const [comparison] = scenarioReport(scenario, { samples: { raw: [100], ours: [120], other: [1] } }, 0).comparisons;
    expect(comparison).toMatchObject({ ratio: 1.2, targetMet: false });
  });

  it('refuses a comparison whose series were not measured', () => {
    expect(() => scenarioReport(scenario, { samples: { raw: [1] } }, 0)).toThrow('did not measure both');
  });

  it('keeps the error of a scenario that could not measure', () => {
    expect(failedScenarioReport(scenario, new Error('no registry'), 10)).toMatchObject({ series: {}, error: expect.stringContaining('no registry') });
  });
});
