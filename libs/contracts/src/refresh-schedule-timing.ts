import { Cron } from 'croner';

export type ScheduleCheck = { ok: true; nextRunAt: Date } | { ok: false; field: 'cron' | 'timezone'; message: string };

/** Standard 5-field cron, or 6 with seconds first, in an IANA time zone. */
export function checkRefreshSchedule(cron: string, timezone: string, now = new Date()): ScheduleCheck {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    return { ok: false, field: 'timezone', message: `timezone '${timezone}' is not an IANA time zone (e.g. Europe/Berlin)` };
  }
  const fields = cron.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6) {
    return { ok: false, field: 'cron', message: `cron must have 5 fields (minute hour day month weekday) or 6 with seconds first, got ${fields}` };
  }
  try {
    const next = pattern(cron, timezone).nextRun(now);
    if (!next) return { ok: false, field: 'cron', message: `cron '${cron}' never fires` };
    return { ok: true, nextRunAt: next };
  } catch (error) {
    return { ok: false, field: 'cron', message: `cron '${cron}' is not valid: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * The slot to fire now: the latest one after `since` and not after `now`. Slots missed during a
 * downtime collapse into this one, so they fire once, not once each.
 */
export function dueSlot(cron: string, timezone: string, since: Date, now: Date): Date | undefined {
  const [latest] = pattern(cron, timezone).previousRuns(1, new Date(now.getTime() + 1));
  return latest && latest.getTime() > since.getTime() ? latest : undefined;
}

export function nextSlot(cron: string, timezone: string, after: Date): Date | undefined {
  return pattern(cron, timezone).nextRun(after) ?? undefined;
}

function pattern(cron: string, timezone: string): Cron {
  return new Cron(cron.trim(), { timezone, paused: true, legacyMode: true });
}
