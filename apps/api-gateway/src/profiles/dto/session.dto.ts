import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsPositive, IsString, MaxLength } from 'class-validator';

export class SessionDto {
  @ApiPropertyOptional({ description: "the version to start from; default: the profile's active version" })
  @IsOptional()
  @IsInt()
  @IsPositive()
  version?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  name?: string;
}
