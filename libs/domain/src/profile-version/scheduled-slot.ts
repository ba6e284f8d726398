/**
 * How late a scheduled slot may fire and still queue a job: a scheduler back after a longer
 * outage records older slots as skipped rather than rebuild for a time long past.
 */
export const SCHEDULED_SLOT_MAX_DELAY_MS = 24 * 60 * 60 * 1000;

/** The reason recorded for a slot that fired too late. */
export const SCHEDULED_SLOT_LATE_REASON = 'late';

/**
 * The instant a slot stands for, so that one slot written with different precisions
 * (`…00Z`, `…00.000Z`) or offsets is still one slot; NaN when it is no time at all.
 */
export function slotInstant(slot: string): number {
  return Date.parse(slot);
}

/** Whether a slot handled at `at` is more than a day past. */
export function isSlotTooLate(slot: string, at: string): boolean {
  return Date.parse(at) - slotInstant(slot) > SCHEDULED_SLOT_MAX_DELAY_MS;
}
