/** Who stopped a sandbox: its user, or its launcher once it stayed idle for its idle TTL. */
export type SandboxStopReason = 'user' | 'idle';
