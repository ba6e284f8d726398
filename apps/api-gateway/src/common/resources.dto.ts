import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsPositive, ValidateNested } from 'class-validator';
import { RunConfigDto } from '../snapshots/dto/run-config.dto.js';

/** What a sandbox gets and how it runs: shared by boxes and by profile drafts (their sessions' boxes). */
export class SandboxResourcesDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber()
  @IsPositive()
  vcpus?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @IsPositive()
  mem_bytes?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @IsPositive()
  fs_capacity_bytes?: number;

  @ApiPropertyOptional({ type: RunConfigDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RunConfigDto)
  run_config?: RunConfigDto;
}
