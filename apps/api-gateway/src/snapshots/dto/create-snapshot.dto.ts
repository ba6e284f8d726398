import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { SNAPSHOT_NAME_MAX_LENGTH } from '@snapforge/domain';
import { RunConfigDto } from './run-config.dto.js';

/** `POST /v2/sandboxes/snapshots`, as the LangSmith client sends it (plus an optional build time-out). */
export class CreateSnapshotDto {
  @ApiProperty({ example: 'python-tools' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(SNAPSHOT_NAME_MAX_LENGTH)
  name: string;

  @ApiProperty({ example: 'snapforge/busybox:latest' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  docker_image: string;

  @ApiProperty({ description: 'the largest image the snapshot may hold, in bytes', example: 1_073_741_824 })
  @IsInt()
  @Min(1)
  fs_capacity_bytes: number;

  @ApiPropertyOptional({ description: 'id of a registry made with /api/v2/sandboxes/registries' })
  @IsOptional()
  @IsUUID()
  registry_id?: string;

  @ApiPropertyOptional({ type: RunConfigDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RunConfigDto)
  run_config?: RunConfigDto;

  @ApiPropertyOptional({ description: 'build time-out in seconds (server default: 600)', example: 600 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 3600)
  build_timeout_seconds?: number;
}
