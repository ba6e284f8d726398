import type { SnapshotStatus } from '@snapforge/domain';

/** A snapshot as the gateway answers it (LangSmith's `Snapshot`), with the fields the CLI shows. */
export interface SnapshotResource {
  id: string;
  name: string;
  status: SnapshotStatus;
  fs_capacity_bytes: number;
  docker_image?: string;
  image_digest?: string;
  status_message?: string;
  fs_used_bytes?: number;
  registry_id?: string;
  created_at: string;
  updated_at: string;
  run_config?: { user?: string; work_dir?: string; env_vars?: Record<string, string> };
}

/** `GET /v2/sandboxes/snapshots`: one page, newest first. */
export interface SnapshotPage {
  snapshots: SnapshotResource[];
  offset: number;
  total: number;
}

export const SNAPSHOTS_PATH = '/v2/sandboxes/snapshots';

export function snapshotPath(id: string): string {
  return `${SNAPSHOTS_PATH}/${encodeURIComponent(id)}`;
}

/** The build output as plain text; `follow` keeps the response open until the build ends. */
export function snapshotOutputPath(id: string, follow: boolean): string {
  return `/v1/snapshots/${encodeURIComponent(id)}/output${follow ? '?follow=true' : ''}`;
}
