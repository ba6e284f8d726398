import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class RefreshScheduleDto {
  @ApiProperty({ description: '5 fields, or 6 with seconds first', example: '0 3 * * *' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  cron: string;

  @ApiProperty({ description: 'IANA time zone', example: 'Europe/Berlin' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  timezone: string;
}
