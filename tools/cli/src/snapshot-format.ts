import { formatByteSize } from './byte-size.js';
import { formatFields, formatTable, formatTimestamp } from './output-format.js';
import type { SnapshotResource } from './snapshot-resource.js';

const NONE = '-';

export function snapshotTable(snapshots: readonly SnapshotResource[]): string {
  return formatTable(
    ['ID', 'NAME', 'STATUS', 'SIZE', 'CREATED'],
    snapshots.map((snapshot) => [
      snapshot.id,
      snapshot.name,
      snapshot.status,
      snapshot.fs_used_bytes === undefined ? NONE : formatByteSize(snapshot.fs_used_bytes),
      formatTimestamp(snapshot.created_at),
    ]),
  );
}

export function snapshotDetails(snapshot: SnapshotResource): string {
  const env = Object.entries(snapshot.run_config?.env_vars ?? {});
  return formatFields([
    ['id', snapshot.id],
    ['name', snapshot.name],
    ['status', snapshot.status],
    ['reason', snapshot.status_message],
    ['image', snapshot.docker_image],
    ['registry', snapshot.registry_id],
    ['digest', snapshot.image_digest],
    ['size', usedSize(snapshot)],
    ['capacity', formatByteSize(snapshot.fs_capacity_bytes)],
    ['user', snapshot.run_config?.user],
    ['work dir', snapshot.run_config?.work_dir],
    ['env', env.length ? env.map(([name, value]) => `${name}=${value}`).join(' ') : undefined],
    ['created', formatTimestamp(snapshot.created_at)],
    ['updated', formatTimestamp(snapshot.updated_at)],
  ]);
}

/** The last word of a successful `snapshot create`. */
export function readySummary(snapshot: SnapshotResource): string {
  return [
    `Snapshot ${snapshot.name} is ready`,
    formatFields([
      ['id', snapshot.id],
      ['digest', snapshot.image_digest],
      ['size', usedSize(snapshot)],
    ]),
  ].join('\n');
}

function usedSize(snapshot: SnapshotResource): string | undefined {
  return snapshot.fs_used_bytes === undefined ? undefined : `${formatByteSize(snapshot.fs_used_bytes)} (${snapshot.fs_used_bytes} bytes)`;
}
