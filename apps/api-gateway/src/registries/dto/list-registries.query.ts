import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const REGISTRY_LIST_DEFAULT_LIMIT = 50;
export const REGISTRY_LIST_MAX_LIMIT = 500;

export class ListRegistriesQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(256)
  name_contains?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: REGISTRY_LIST_MAX_LIMIT, default: REGISTRY_LIST_DEFAULT_LIMIT })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(REGISTRY_LIST_MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  offset?: number;
}
