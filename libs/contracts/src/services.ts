/** The six services of the system; each answers `snapforge.<service>.health` over NATS. */
export const SERVICE_NAMES = [
  'api-gateway',
  'profile-service',
  'snapshot-orchestrator',
  'builder-agent',
  'sandbox-launcher',
  'scheduler',
] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];

/**
 * The workspace that owns what the system itself makes, such as the default snapshot every
 * workspace may boot. No API key opens it.
 */
export const SYSTEM_WORKSPACE_ID = '00000000-0000-4000-8000-000000000000';
