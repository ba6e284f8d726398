export interface WorkspaceApiKeyState {
  keyHash: string;
  revoked: boolean;
}

/** What the workspace decider needs to decide; revoked keys stay so that their ids are never reused. */
export type WorkspaceState =
  | { status: 'none' }
  | {
      status: 'active';
      workspaceId: string;
      name: string;
      apiKeys: ReadonlyMap<string, WorkspaceApiKeyState>;
    };
