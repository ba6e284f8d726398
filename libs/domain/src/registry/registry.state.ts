/** What the registry decider needs to decide: the current values, to tell a change from a repeat. */
export type RegistryState =
  | { status: 'none' }
  | {
      status: 'active' | 'deleted';
      registryId: string;
      workspaceId: string;
      name: string;
      url: string;
      username?: string;
      passwordCiphertext?: string;
      version: number;
    };
