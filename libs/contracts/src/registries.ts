import type { RegistryCredentials, RegistryListPage, RegistryView } from '@snapforge/domain';
import { rpc } from './rpc.js';

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

export const registryRpc = {
  create: rpc<CreateRegistryRequest, RegistryView>('snapshot-orchestrator', 'registry.create'),
  get: rpc<RegistryRef, RegistryView>('snapshot-orchestrator', 'registry.get'),
  list: rpc<ListRegistriesRequest, RegistryListPage>('snapshot-orchestrator', 'registry.list'),
  update: rpc<UpdateRegistryRequest, RegistryView>('snapshot-orchestrator', 'registry.update'),
  delete: rpc<RegistryRef, { deleted: true }>('snapshot-orchestrator', 'registry.delete'),
  /** For builder agents only: the agent decrypts the password itself, right before it pulls. */
  credentials: rpc<RegistryRef, RegistryCredentials>('snapshot-orchestrator', 'registry.credentials'),
};
