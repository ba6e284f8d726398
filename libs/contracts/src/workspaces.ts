import { rpc } from './rpc.js';

export interface CreatedWorkspace {
  workspaceId: string;
  /** Shown once: only its hash is stored. */
  apiKey: string;
}

/** Operator commands (the `snapforge` CLI), over NATS: whoever reaches NATS runs the installation. */
export const workspaceRpc = {
  create: rpc<{ name: string }, CreatedWorkspace>('api-gateway', 'workspace.create'),
};
