import { PartialType } from '@nestjs/swagger';
import { CreateRegistryDto } from './create-registry.dto.js';

/** `PATCH /api/v2/sandboxes/registries/{name}`: any field of a registry; absent fields stay. */
export class UpdateRegistryDto extends PartialType(CreateRegistryDto) {}
