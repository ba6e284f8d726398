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
