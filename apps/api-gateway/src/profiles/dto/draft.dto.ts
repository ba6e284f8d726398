import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PROFILE_SETUP_SCRIPT_MAX_BYTES, type ProfileSpec } from '@snapforge/domain';
import { SandboxResourcesDto } from '../../common/resources.dto.js';
import { RunConfigDto } from '../../snapshots/dto/run-config.dto.js';

/** `PUT /v1/profiles/{id}/draft`: replaces the whole draft. */
export class DraftDto extends SandboxResourcesDto {
  @ApiProperty({ example: 'snapforge/busybox:latest' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  base_image: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  registry_id?: string;

  @ApiProperty({ description: `run with sh -e; at most ${PROFILE_SETUP_SCRIPT_MAX_BYTES} bytes`, example: 'mkdir -p /opt/tool && echo 1.0 > /opt/tool/version' })
  @IsString()
  @MaxLength(PROFILE_SETUP_SCRIPT_MAX_BYTES)
  setup_script: string;

  static toSpec(dto: DraftDto): ProfileSpec {
    const runConfig = RunConfigDto.toDomain(dto.run_config);
    return {
      baseImage: dto.base_image,
      ...(dto.registry_id ? { registryId: dto.registry_id } : {}),
      setupScript: dto.setup_script,
      ...(runConfig ? { runConfig } : {}),
      ...(dto.vcpus !== undefined ? { vcpus: dto.vcpus } : {}),
      ...(dto.mem_bytes !== undefined ? { memBytes: dto.mem_bytes } : {}),
      ...(dto.fs_capacity_bytes !== undefined ? { fsCapacityBytes: dto.fs_capacity_bytes } : {}),
    };
  }
}
