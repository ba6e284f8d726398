import { rpc } from './rpc.js';

/** A private image registry as the API shows it: the password never leaves the write path. */
export interface RegistryView {
  id: string;
  workspaceId: string;
  name: string;
  url: string;
  username?: string;
  hasPassword: boolean;
  createdAt: string;
  updatedAt: string;
  createdBy?: string;
}

export interface CreateRegistryRequest {
  workspaceId: string;
  name: string;
  url: string;
  username?: string;
  /** Encrypted by the gateway (SecretBox) before it travels: plain passwords never cross NATS. */
  passwordCiphertext?: string;
  createdBy?: string;
}

export interface UpdateRegistryRequest {
  workspaceId: string;
  /** The registry's id or name, as the LangSmith client addresses it. */
  idOrName: string;
  name?: string;
  url?: string;
  username?: string;
  passwordCiphertext?: string;
}

export interface RegistryRef {
  workspaceId: string;
  idOrName: string;
}

export interface ListRegistriesRequest {
  workspaceId: string;
  nameContains?: string;
  limit: number;
  offset: number;
}

/** For builder agents only: the agent decrypts the password itself, right before it pulls. */
export interface RegistryCredentials {
  url: string;
  username?: string;
  passwordCiphertext?: string;
}

export const registryRpc = {
  create: rpc<CreateRegistryRequest, RegistryView>('snapshot-orchestrator', 'registry.create'),
  get: rpc<RegistryRef, RegistryView>('snapshot-orchestrator', 'registry.get'),
  list: rpc<ListRegistriesRequest, { items: RegistryView[]; total: number }>('snapshot-orchestrator', 'registry.list'),
  update: rpc<UpdateRegistryRequest, RegistryView>('snapshot-orchestrator', 'registry.update'),
  delete: rpc<RegistryRef, { deleted: true }>('snapshot-orchestrator', 'registry.delete'),
  credentials: rpc<RegistryRef, RegistryCredentials>('snapshot-orchestrator', 'registry.credentials'),
};
