import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsPositive, IsString, MaxLength, ValidateNested } from 'class-validator';
import { RunConfigDto } from '../../snapshots/dto/run-config.dto.js';

/** `POST /v2/sandboxes/boxes/{name}/snapshot`: capture the box's filesystem as a new snapshot. */
export class CaptureBoxDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  name: string;

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
