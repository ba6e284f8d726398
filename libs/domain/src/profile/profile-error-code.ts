/** The stable codes of profile refusals (see `DomainError`). */
export const ProfileErrorCode = {
  AlreadyExists: 'PROFILE_ALREADY_EXISTS',
  NotFound: 'PROFILE_NOT_FOUND',
  Invalid: 'PROFILE_INVALID',
  NameTaken: 'PROFILE_NAME_TAKEN',
  /** Publishing needs a draft. */
  DraftEmpty: 'PROFILE_DRAFT_EMPTY',
} as const;

export type ProfileErrorCode = (typeof ProfileErrorCode)[keyof typeof ProfileErrorCode];
