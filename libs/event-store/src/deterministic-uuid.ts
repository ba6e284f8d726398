import { createHash } from 'node:crypto';

/**
 * A UUID (version-8 layout, RFC 9562) derived from `seed`: the same seed always gives the same id.
 * Retried commands carry the same idempotency key, so they name the same entity and the same
 * events, and the event store recognises the repeat instead of writing it twice.
 */
export function deterministicUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
