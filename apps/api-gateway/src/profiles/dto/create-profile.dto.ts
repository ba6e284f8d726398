import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class CreateProfileDto {
  @ApiProperty({ example: 'python-tools' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  name: string;
}
