import type { ProfileSpec } from './profile-spec.js';

/** What the profile decider needs to decide; versions' snapshots live in their own job series. */
export type ProfileState =
  | { status: 'none' }
  | {
      status: 'active' | 'deleted';
      profileId: string;
      workspaceId: string;
      name: string;
      /** Absent until the first draft is saved. */
      draft?: ProfileSpec;
      /** The newest published version's number (0 before the first). */
      latestVersion: number;
      revision: number;
    };
