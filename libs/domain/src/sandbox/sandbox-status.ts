/**
 * A sandbox's status as the API shows it: `provisioning` until a launcher reports its container
 * ready (again after a start), `stopped` with its filesystem kept, `failed` for good.
 */
export type SandboxStatus = 'provisioning' | 'ready' | 'failed' | 'stopped';
