import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** `POST /api/v2/sandboxes/registries`. The password is write-only: no response ever carries it. */
export class CreateRegistryDto {
  @ApiProperty({ example: 'internal' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  name: string;

  @ApiProperty({ example: '127.0.0.1:5000' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  url: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  username?: string;

  @ApiPropertyOptional({ writeOnly: true })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  password?: string;

  @ApiPropertyOptional({ enum: ['DOCKER_CONFIG'], default: 'DOCKER_CONFIG' })
  @IsOptional()
  @IsIn(['DOCKER_CONFIG'], { message: 'auth_type must be DOCKER_CONFIG (username and password); AWS roles are not supported' })
  auth_type?: string;
}
