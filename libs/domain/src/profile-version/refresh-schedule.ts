/**
 * When a version's snapshot is rebuilt: a cron expression read in an IANA time zone. The domain
 * keeps both as given; the scheduler, which evaluates them, checks their syntax.
 */
export interface RefreshSchedule {
  cron: string;
  timezone: string;
}

/** Every rule the schedule breaks, naming its fields as the API spells them. */
export function refreshScheduleViolations(schedule: RefreshSchedule): string[] {
  const violations: string[] = [];
  if (schedule.cron.trim() === '') violations.push('cron must not be empty');
  if (schedule.timezone.trim() === '') violations.push('timezone must not be empty');
  return violations;
}
