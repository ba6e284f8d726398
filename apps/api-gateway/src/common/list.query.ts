import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { SNAPSHOT_LIST_DEFAULT_LIMIT, SNAPSHOT_LIST_MAX_LIMIT } from '@snapforge/domain';

export const LIST_DEFAULT_LIMIT = SNAPSHOT_LIST_DEFAULT_LIMIT;

/** `?name_contains=&limit=&offset=`, the paging every LangSmith list endpoint takes. */
export class ListQuery {
  @ApiPropertyOptional({ description: 'case-insensitive substring of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  name_contains?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: SNAPSHOT_LIST_MAX_LIMIT, default: SNAPSHOT_LIST_DEFAULT_LIMIT })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(SNAPSHOT_LIST_MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  offset?: number;
}
