import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SandboxView } from '@snapforge/domain';

/** A sandbox on the wire (the LangSmith client's SandboxData). */
export class BoxResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['provisioning', 'ready', 'failed', 'stopped'] }) status: string;
  @ApiPropertyOptional() status_message?: string;
  @ApiPropertyOptional() dataplane_url?: string;
  @ApiProperty() snapshot_id: string;
  @ApiPropertyOptional() vcpus?: number;
  @ApiPropertyOptional() mem_bytes?: number;
  @ApiPropertyOptional() fs_capacity_bytes?: number;
  @ApiProperty() idle_ttl_seconds: number;
  @ApiProperty() delete_after_stop_seconds: number;
  @ApiPropertyOptional() stopped_at?: string;
  @ApiProperty() created_at: string;
  @ApiProperty() updated_at: string;

  static from(view: SandboxView): BoxResponse {
    return {
      id: view.id,
      name: view.name,
      status: view.status,
      ...(view.statusMessage !== undefined ? { status_message: view.statusMessage } : {}),
      ...(view.dataplaneUrl !== undefined ? { dataplane_url: view.dataplaneUrl } : {}),
      snapshot_id: view.snapshotId,
      ...(view.vcpus !== undefined ? { vcpus: view.vcpus } : {}),
      ...(view.memBytes !== undefined ? { mem_bytes: view.memBytes } : {}),
      ...(view.fsCapacityBytes !== undefined ? { fs_capacity_bytes: view.fsCapacityBytes } : {}),
      idle_ttl_seconds: view.idleTtlSeconds,
      delete_after_stop_seconds: view.deleteAfterStopSeconds,
      ...(view.stoppedAt !== undefined ? { stopped_at: view.stoppedAt } : {}),
      created_at: view.createdAt,
      updated_at: view.updatedAt,
    };
  }
}

export class BoxListResponse {
  @ApiProperty({ type: [BoxResponse] }) sandboxes: BoxResponse[];
  @ApiProperty() offset: number;
  @ApiProperty() total: number;
}

export class BoxStatusResponse {
  @ApiProperty() status: string;
  @ApiPropertyOptional() status_message?: string;
}
