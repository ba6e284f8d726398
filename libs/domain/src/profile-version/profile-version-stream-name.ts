/**
 * The job series of one published version of a profile: its snapshot jobs, its current snapshot
 * and its refresh schedule, e.g. `profile_version-prof-1:2`. One stream per version, so that
 * appending with the revision just read admits at most one active job per version however many
 * refreshes race, while versions of one profile never contend. The `_` keeps these streams out of
 * the `profile` category.
 */
export function profileVersionStreamName(profileId: string, version: number): string {
  return `profile_version-${profileId}:${version}`;
}
