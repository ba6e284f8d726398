import { checkRefreshSchedule, dueSlot, nextSlot } from './refresh-schedule-timing.js';

describe('refresh schedule timing', () => {
  const now = new Date('2026-11-25T10:00:07.500Z');

  it('accepts 5 and 6 fields and names the next run', () => {
    expect(checkRefreshSchedule('0 3 * * *', 'Europe/Berlin', now)).toEqual({ ok: true, nextRunAt: new Date('2026-11-26T02:00:00.000Z') });
    expect(checkRefreshSchedule('*/5 * * * * *', 'UTC', now)).toEqual({ ok: true, nextRunAt: new Date('2026-11-25T10:00:10.000Z') });
  });

  it('refuses bad values, naming the field', () => {
    expect(checkRefreshSchedule('0 3 * *', 'UTC', now)).toMatchObject({ ok: false, field: 'cron' });
    expect(checkRefreshSchedule('99 3 * * *', 'UTC', now)).toMatchObject({ ok: false, field: 'cron' });
    expect(checkRefreshSchedule('0 3 * * *', 'Mars/Olympus', now)).toMatchObject({ ok: false, field: 'timezone' });
  });

  it('collapses missed slots into the latest one', () => {
    const since = new Date('2026-11-25T09:59:00.000Z');
    expect(dueSlot('*/5 * * * * *', 'UTC', since, now)).toEqual(new Date('2026-11-25T10:00:05.000Z'));
    expect(dueSlot('*/5 * * * * *', 'UTC', new Date('2026-11-25T10:00:05.000Z'), now)).toBeUndefined();
    expect(nextSlot('*/5 * * * * *', 'UTC', now)).toEqual(new Date('2026-11-25T10:00:10.000Z'));
  });
});
