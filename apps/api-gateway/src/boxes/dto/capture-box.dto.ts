import { ApiProperty, PickType } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { SandboxResourcesDto } from '../../common/resources.dto.js';

/** `POST /v2/sandboxes/boxes/{name}/snapshot`: capture the box's filesystem as a new snapshot. */
export class CaptureBoxDto extends PickType(SandboxResourcesDto, ['fs_capacity_bytes', 'run_config'] as const) {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  name: string;
}
