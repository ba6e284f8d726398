/** The event stream of one profile (its draft and the versions published from it); its category is `profile`. */
export function profileStreamName(profileId: string): string {
  return `profile-${profileId}`;
}
