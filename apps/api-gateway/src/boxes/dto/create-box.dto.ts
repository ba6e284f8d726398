import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNotEmpty, IsNumber, IsOptional, IsPositive, IsString, Max, MaxLength, Min } from 'class-validator';
import { SandboxResourcesDto } from '../../common/resources.dto.js';

/** `POST /v2/sandboxes/boxes`, as the LangSmith client sends it. */
export class CreateBoxDto extends SandboxResourcesDto {
  @ApiPropertyOptional({ description: 'generated when absent' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  name?: string;

  @ApiPropertyOptional({ description: 'boot from this snapshot (or give snapshot_name; neither: the default snapshot)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  snapshot_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  snapshot_name?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  wait_for_ready?: boolean;

  @ApiPropertyOptional({ description: 'seconds to wait for ready (408 past it)', default: 30 })
  @IsOptional()
  @IsNumber()
  @IsPositive()
  @Max(3600)
  timeout?: number;

  @ApiPropertyOptional({ description: 'stop after this many idle seconds (multiple of 60; 0: never)', default: 600 })
  @IsOptional()
  @IsInt()
  @Min(0)
  idle_ttl_seconds?: number;

  @ApiPropertyOptional({ description: 'delete this long after a stop (multiple of 60; 0: never)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  delete_after_stop_seconds?: number;
}
