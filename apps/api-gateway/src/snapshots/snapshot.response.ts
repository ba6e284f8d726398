import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SnapshotView } from '@snapforge/domain';
import { RunConfigDto } from './dto/run-config.dto.js';

/** A snapshot on the wire (LangSmith's `Snapshot`): snake_case, internals left out. */
export class SnapshotResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['building', 'ready', 'failed'] }) status: string;
  @ApiProperty() fs_capacity_bytes: number;
  @ApiPropertyOptional() docker_image?: string;
  @ApiPropertyOptional() image_digest?: string;
  @ApiPropertyOptional() source_sandbox_id?: string;
  @ApiPropertyOptional() status_message?: string;
  @ApiPropertyOptional() fs_used_bytes?: number;
  @ApiPropertyOptional() created_by?: string;
  @ApiPropertyOptional() registry_id?: string;
  @ApiProperty() created_at: string;
  @ApiProperty() updated_at: string;
  @ApiPropertyOptional({ type: RunConfigDto }) run_config?: RunConfigDto;

  static from(view: SnapshotView): SnapshotResponse {
    const runConfig = RunConfigDto.fromDomain(view.runConfig);
    return {
      id: view.id,
      name: view.name,
      status: view.status,
      fs_capacity_bytes: view.fsCapacityBytes,
      ...(view.dockerImage !== undefined ? { docker_image: view.dockerImage } : {}),
      ...(view.imageDigest !== undefined ? { image_digest: view.imageDigest } : {}),
      ...(view.sourceSandboxId !== undefined ? { source_sandbox_id: view.sourceSandboxId } : {}),
      ...(view.statusMessage !== undefined ? { status_message: view.statusMessage } : {}),
      ...(view.fsUsedBytes !== undefined ? { fs_used_bytes: view.fsUsedBytes } : {}),
      ...(view.createdBy !== undefined ? { created_by: view.createdBy } : {}),
      ...(view.registryId !== undefined ? { registry_id: view.registryId } : {}),
      created_at: view.createdAt,
      updated_at: view.updatedAt,
      ...(runConfig ? { run_config: runConfig } : {}),
    };
  }
}

export class SnapshotListResponse {
  @ApiProperty({ type: [SnapshotResponse] }) snapshots: SnapshotResponse[];
  @ApiProperty() offset: number;
  @ApiProperty() total: number;
}
