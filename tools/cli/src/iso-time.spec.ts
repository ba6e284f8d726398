import { parseIsoTime } from './iso-time.js';

describe('parseIsoTime', () => {
  it.each([
    ['2026-11-25T14:00:00Z', '2026-11-25T14:00:00.000Z'],
    ['2026-11-25T14:00Z', '2026-11-25T14:00:00.000Z'],
    ['2026-11-25T15:00:00.250+01:00', '2026-11-25T14:00:00.250Z'],
  ])('takes %s', (text, instant) => {
    expect(parseIsoTime(text)?.toISOString()).toBe(instant);
  });

  it.each(['2026-11-25', '2026-11-25T14:00:00', 'yesterday', '2026-13-45T99:00:00Z', ''])('refuses %j', (text) => {
    expect(parseIsoTime(text)).toBeUndefined();
  });
});
