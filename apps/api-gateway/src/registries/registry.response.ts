import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RegistryView } from '@snapforge/domain';

/** A registry on the wire (the LangSmith client's RegistryResponse): never the password. */
export class RegistryResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() url: string;
  @ApiPropertyOptional() username?: string;
  @ApiProperty({ enum: ['DOCKER_CONFIG'] }) auth_type: 'DOCKER_CONFIG';
  @ApiProperty({ enum: ['DOCKER_REGISTRY'] }) provider: 'DOCKER_REGISTRY';
  @ApiProperty() has_password: boolean;
  @ApiProperty() created_at: string;
  @ApiProperty() updated_at: string;
  @ApiPropertyOptional() created_by?: string;

  static from(view: RegistryView): RegistryResponse {
    return {
      id: view.id,
      name: view.name,
      url: view.url,
      ...(view.username !== undefined ? { username: view.username } : {}),
      auth_type: 'DOCKER_CONFIG',
      provider: 'DOCKER_REGISTRY',
      has_password: view.hasPassword,
      created_at: view.createdAt,
      updated_at: view.updatedAt,
      ...(view.createdBy !== undefined ? { created_by: view.createdBy } : {}),
    };
  }
}

export class RegistryListResponse {
  @ApiProperty({ type: [RegistryResponse] }) registries: RegistryResponse[];
  @ApiProperty() offset: number;
  @ApiProperty() total: number;
}
