import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { registryRpc } from '@snapforge/contracts';
import { RpcClient } from '@snapforge/messaging';
import { SecretBox } from '@snapforge/secrets';
import { CurrentWorkspace } from '../auth/current-workspace.decorator.js';
import { LIST_DEFAULT_LIMIT, ListQuery } from '../common/list.query.js';
import type { WorkspacePrincipal } from '../auth/workspace-principal.js';
import { CreateRegistryDto } from './dto/create-registry.dto.js';
import { UpdateRegistryDto } from './dto/update-registry.dto.js';
import { RegistryListResponse, RegistryResponse } from './registry.response.js';

/**
 * Registries as the LangSmith client manages them (addressed by name in paths; ids work too). The
 * password is encrypted here, on arrival, so no other service, event or log ever sees it in clear.
 */
@ApiTags('registries')
@ApiSecurity('api-key')
@Controller(['api/v2/sandboxes/registries', 'v2/sandboxes/registries'])
export class RegistriesController {
  private readonly secrets = SecretBox.fromEnv();

  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(201)
  @ApiOkResponse({ type: RegistryResponse })
  async create(@CurrentWorkspace() workspace: WorkspacePrincipal, @Body() body: CreateRegistryDto): Promise<RegistryResponse> {
    const view = await this.rpc.request(registryRpc.create, {
      workspaceId: workspace.workspaceId,
      name: body.name,
      url: body.url,
      ...(body.username !== undefined ? { username: body.username } : {}),
      ...(body.password !== undefined ? { passwordCiphertext: this.secrets.encrypt(body.password) } : {}),
      createdBy: workspace.keyId,
    });
    return RegistryResponse.from(view);
  }

  @Get()
  @ApiOkResponse({ type: RegistryListResponse })
  async list(@CurrentWorkspace() workspace: WorkspacePrincipal, @Query() query: ListQuery): Promise<RegistryListResponse> {
    const offset = query.offset ?? 0;
    const page = await this.rpc.request(registryRpc.list, {
      workspaceId: workspace.workspaceId,
      ...(query.name_contains ? { nameContains: query.name_contains } : {}),
      limit: query.limit ?? LIST_DEFAULT_LIMIT,
      offset,
    });
    return { registries: page.items.map(RegistryResponse.from), offset, total: page.total };
  }

  @Get(':name')
  @ApiOkResponse({ type: RegistryResponse })
  async get(@CurrentWorkspace() workspace: WorkspacePrincipal, @Param('name') idOrName: string): Promise<RegistryResponse> {
    return RegistryResponse.from(await this.rpc.request(registryRpc.get, { workspaceId: workspace.workspaceId, idOrName }));
  }

  @Patch(':name')
  @ApiOkResponse({ type: RegistryResponse })
  async update(
    @CurrentWorkspace() workspace: WorkspacePrincipal,
    @Param('name') idOrName: string,
    @Body() body: UpdateRegistryDto,
  ): Promise<RegistryResponse> {
    const view = await this.rpc.request(registryRpc.update, {
      workspaceId: workspace.workspaceId,
      idOrName,
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.url !== undefined ? { url: body.url } : {}),
      ...(body.username !== undefined ? { username: body.username } : {}),
      ...(body.password !== undefined ? { passwordCiphertext: this.secrets.encrypt(body.password) } : {}),
    });
    return RegistryResponse.from(view);
  }

  @Delete(':name')
  @HttpCode(204)
  async delete(@CurrentWorkspace() workspace: WorkspacePrincipal, @Param('name') idOrName: string): Promise<void> {
    await this.rpc.request(registryRpc.delete, { workspaceId: workspace.workspaceId, idOrName });
  }
}
