import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { snapshotRpc } from '@snapforge/contracts';
import { RpcClient } from '@snapforge/messaging';
import { CurrentWorkspace } from '../auth/current-workspace.decorator.js';
import { LIST_DEFAULT_LIMIT, ListQuery } from '../common/list.query.js';
import type { WorkspacePrincipal } from '../auth/workspace-principal.js';
import { CreateSnapshotDto } from './dto/create-snapshot.dto.js';
import { RunConfigDto } from './dto/run-config.dto.js';
import { SnapshotListResponse, SnapshotResponse } from './snapshot.response.js';

/** LangSmith-compatible snapshots; both base paths the client may be configured with. */
@ApiTags('snapshots')
@ApiSecurity('api-key')
@Controller(['v2/sandboxes/snapshots', 'api/v2/sandboxes/snapshots'])
export class SnapshotsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(201)
  @ApiOkResponse({ type: SnapshotResponse })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retry with the same key answers with the same snapshot' })
  async create(
    @CurrentWorkspace() workspace: WorkspacePrincipal,
    @Body() body: CreateSnapshotDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<SnapshotResponse> {
    const runConfig = RunConfigDto.toDomain(body.run_config);
    const view = await this.rpc.request(snapshotRpc.create, {
      workspaceId: workspace.workspaceId,
      name: body.name,
      dockerImage: body.docker_image,
      fsCapacityBytes: body.fs_capacity_bytes,
      ...(body.registry_id ? { registryId: body.registry_id } : {}),
      ...(runConfig ? { runConfig } : {}),
      ...(body.build_timeout_seconds ? { buildTimeoutSeconds: body.build_timeout_seconds } : {}),
      createdBy: workspace.keyId,
      ...(idempotencyKey ? { idempotencyKey: idempotencyKey.slice(0, 256) } : {}),
    });
    return SnapshotResponse.from(view);
  }

  @Get()
  @ApiOkResponse({ type: SnapshotListResponse })
  async list(@CurrentWorkspace() workspace: WorkspacePrincipal, @Query() query: ListQuery): Promise<SnapshotListResponse> {
    const offset = query.offset ?? 0;
    const page = await this.rpc.request(snapshotRpc.list, {
      workspaceId: workspace.workspaceId,
      ...(query.name_contains ? { nameContains: query.name_contains } : {}),
      limit: query.limit ?? LIST_DEFAULT_LIMIT,
      offset,
    });
    return { snapshots: page.items.map(SnapshotResponse.from), offset, total: page.total };
  }

  @Get(':id')
  @ApiOkResponse({ type: SnapshotResponse })
  async get(@CurrentWorkspace() workspace: WorkspacePrincipal, @Param('id') id: string): Promise<SnapshotResponse> {
    return SnapshotResponse.from(await this.rpc.request(snapshotRpc.get, { workspaceId: workspace.workspaceId, snapshotId: id }));
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@CurrentWorkspace() workspace: WorkspacePrincipal, @Param('id') id: string): Promise<void> {
    await this.rpc.request(snapshotRpc.delete, { workspaceId: workspace.workspaceId, snapshotId: id });
  }
}
