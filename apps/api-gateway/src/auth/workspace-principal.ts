/** Who is calling: resolved from the X-Api-Key header, and the scope of every query they make. */
export interface WorkspacePrincipal {
  workspaceId: string;
  name: string;
  keyId: string;
}
