import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { SnapshotRunConfig } from '@snapforge/domain';

/** `run_config`: who and where sandboxes run, and with which environment. */
export class RunConfigDto {
  @ApiPropertyOptional({ description: 'name, uid, name:group or uid:gid', example: '1000' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  user?: string;

  @ApiPropertyOptional({ description: 'absolute working directory', example: '/workspace' })
  @IsOptional()
  @IsString()
  @Matches(/^\//, { message: 'work_dir must be an absolute path' })
  work_dir?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsObject()
  env_vars?: Record<string, string>;

  static toDomain(dto: RunConfigDto | undefined): SnapshotRunConfig | undefined {
    if (!dto) return undefined;
    return {
      ...(dto.user !== undefined ? { user: dto.user } : {}),
      ...(dto.work_dir !== undefined ? { workDir: dto.work_dir } : {}),
      ...(dto.env_vars !== undefined ? { envVars: Object.fromEntries(Object.entries(dto.env_vars).map(([k, v]) => [k, String(v)])) } : {}),
    };
  }

  static fromDomain(config: SnapshotRunConfig | undefined): RunConfigDto | undefined {
    if (!config) return undefined;
    return {
      ...(config.user !== undefined ? { user: config.user } : {}),
      ...(config.workDir !== undefined ? { work_dir: config.workDir } : {}),
      ...(config.envVars !== undefined ? { env_vars: { ...config.envVars } } : {}),
    };
  }
}
