/** The stable codes of refusals about a profile's published versions and their snapshot jobs (see `DomainError`). */
export const ProfileVersionErrorCode = {
  NotFound: 'PROFILE_VERSION_NOT_FOUND',
  /** A session needs a version with a snapshot; `details.activeJobId` is absent. */
  NotUsable: 'PROFILE_VERSION_NOT_USABLE',
  /** A version has at most one queued or running job; `details.activeJobId` names it. */
  SnapshotInProgress: 'PROFILE_VERSION_SNAPSHOT_IN_PROGRESS',
  SnapshotJobNotFound: 'SNAPSHOT_JOB_NOT_FOUND',
} as const;

export type ProfileVersionErrorCode = (typeof ProfileVersionErrorCode)[keyof typeof ProfileVersionErrorCode];
