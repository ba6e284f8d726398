import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { sandboxRpc } from '@snapforge/contracts';
import type { SandboxView } from '@snapforge/domain';
import { RpcClient } from '@snapforge/messaging';
import { CurrentWorkspace } from '../auth/current-workspace.decorator.js';
import type { WorkspacePrincipal } from '../auth/workspace-principal.js';
import { ApiError, RequestValidationError } from '../common/api-error.js';
import { LIST_DEFAULT_LIMIT, ListQuery } from '../common/list.query.js';
import { RunConfigDto } from '../snapshots/dto/run-config.dto.js';
import { SnapshotResponse } from '../snapshots/snapshot.response.js';
import { BoxListResponse, BoxResponse, BoxStatusResponse } from './box.response.js';
import { CaptureBoxDto } from './dto/capture-box.dto.js';
import { CreateBoxDto } from './dto/create-box.dto.js';
import { UpdateBoxDto } from './dto/update-box.dto.js';

const DEFAULT_WAIT_SECONDS = 30;
// Each long poll stays well inside the RPC time-out.
const LONG_POLL_SECONDS = 2;

/** LangSmith-compatible sandboxes ("boxes"), addressed by name. */
@ApiTags('boxes')
@ApiSecurity('api-key')
@Controller(['v2/sandboxes/boxes', 'api/v2/sandboxes/boxes'])
export class BoxesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(201)
  @ApiOkResponse({ type: BoxResponse })
  async create(
    @CurrentWorkspace() workspace: WorkspacePrincipal,
    @Body() body: CreateBoxDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<BoxResponse> {
    if (body.snapshot_id && body.snapshot_name) {
      throw new RequestValidationError([
        { loc: ['body', 'snapshot_name'], msg: 'give snapshot_id or snapshot_name, not both', type: 'value_error' },
      ]);
    }
    const runConfig = RunConfigDto.toDomain(body.run_config);
    const created = await this.rpc.request(sandboxRpc.create, {
      workspaceId: workspace.workspaceId,
      ...(body.name ? { name: body.name } : {}),
      ...(body.snapshot_id ? { snapshotId: body.snapshot_id } : {}),
      ...(body.snapshot_name ? { snapshotName: body.snapshot_name } : {}),
      ...(body.vcpus !== undefined ? { vcpus: body.vcpus } : {}),
      ...(body.mem_bytes !== undefined ? { memBytes: body.mem_bytes } : {}),
      ...(body.fs_capacity_bytes !== undefined ? { fsCapacityBytes: body.fs_capacity_bytes } : {}),
      ...(runConfig ? { runConfig } : {}),
      ...(body.idle_ttl_seconds !== undefined ? { idleTtlSeconds: body.idle_ttl_seconds } : {}),
      ...(body.delete_after_stop_seconds !== undefined ? { deleteAfterStopSeconds: body.delete_after_stop_seconds } : {}),
      createdBy: workspace.keyId,
      ...(idempotencyKey ? { idempotencyKey: idempotencyKey.slice(0, 256) } : {}),
    });
    if (body.wait_for_ready === false) return BoxResponse.from(created);
    return BoxResponse.from(await this.waitUntilSettled(workspace, created, body.timeout ?? DEFAULT_WAIT_SECONDS));
  }

  @Get()
  @ApiOkResponse({ type: BoxListResponse })
  async list(@CurrentWorkspace() workspace: WorkspacePrincipal, @Query() query: ListQuery): Promise<BoxListResponse> {
    const offset = query.offset ?? 0;
    const page = await this.rpc.request(sandboxRpc.list, {
      workspaceId: workspace.workspaceId,
      ...(query.name_contains ? { nameContains: query.name_contains } : {}),
      limit: query.limit ?? LIST_DEFAULT_LIMIT,
      offset,
    });
    return { sandboxes: page.items.map(BoxResponse.from), offset, total: page.total };
  }

  @Get(':name')
  @ApiOkResponse({ type: BoxResponse })
  async get(@CurrentWorkspace() workspace: WorkspacePrincipal, @Param('name') name: string): Promise<BoxResponse> {
    return BoxResponse.from(await this.rpc.request(sandboxRpc.get, { workspaceId: workspace.workspaceId, idOrName: name }));
  }

  @Get(':name/status')
  @ApiOkResponse({ type: BoxStatusResponse })
  async status(@CurrentWorkspace() workspace: WorkspacePrincipal, @Param('name') name: string): Promise<BoxStatusResponse> {
    const view = await this.rpc.request(sandboxRpc.get, { workspaceId: workspace.workspaceId, idOrName: name });
    return { status: view.status, ...(view.statusMessage !== undefined ? { status_message: view.statusMessage } : {}) };
  }

  @Patch(':name')
  @ApiOkResponse({ type: BoxResponse })
  async update(@CurrentWorkspace() workspace: WorkspacePrincipal, @Param('name') name: string, @Body() body: UpdateBoxDto): Promise<BoxResponse> {
    const view = await this.rpc.request(sandboxRpc.update, {
      workspaceId: workspace.workspaceId,
      idOrName: name,
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.idle_ttl_seconds !== undefined ? { idleTtlSeconds: body.idle_ttl_seconds } : {}),
      ...(body.delete_after_stop_seconds !== undefined ? { deleteAfterStopSeconds: body.delete_after_stop_seconds } : {}),
    });
    return BoxResponse.from(view);
  }

  @Delete(':name')
  @HttpCode(204)
  async delete(@CurrentWorkspace() workspace: WorkspacePrincipal, @Param('name') name: string): Promise<void> {
    await this.rpc.request(sandboxRpc.delete, { workspaceId: workspace.workspaceId, idOrName: name }, { timeoutMs: 60_000 });
  }

  @Post(':name/stop')
  @HttpCode(200)
  @ApiOkResponse({ type: BoxResponse })
  async stop(@CurrentWorkspace() workspace: WorkspacePrincipal, @Param('name') name: string): Promise<BoxResponse> {
    return BoxResponse.from(await this.rpc.request(sandboxRpc.stop, { workspaceId: workspace.workspaceId, idOrName: name }, { timeoutMs: 60_000 }));
  }

  @Post(':name/start')
  @HttpCode(200)
  @ApiOkResponse({ type: BoxResponse })
  async start(@CurrentWorkspace() workspace: WorkspacePrincipal, @Param('name') name: string): Promise<BoxResponse> {
    return BoxResponse.from(await this.rpc.request(sandboxRpc.start, { workspaceId: workspace.workspaceId, idOrName: name }, { timeoutMs: 60_000 }));
  }

  @Post(':name/snapshot')
  @HttpCode(201)
  @ApiOkResponse({ type: SnapshotResponse })
  async capture(@CurrentWorkspace() workspace: WorkspacePrincipal, @Param('name') name: string, @Body() body: CaptureBoxDto): Promise<SnapshotResponse> {
    const runConfig = RunConfigDto.toDomain(body.run_config);
    const snapshot = await this.rpc.request(sandboxRpc.capture, {
      workspaceId: workspace.workspaceId,
      idOrName: name,
      name: body.name,
      ...(body.fs_capacity_bytes !== undefined ? { fsCapacityBytes: body.fs_capacity_bytes } : {}),
      ...(runConfig ? { runConfig } : {}),
      createdBy: workspace.keyId,
    });
    return SnapshotResponse.from(snapshot);
  }

  /** Long-polls the box until it is ready or failed; 408 naming the last status past `timeout` seconds. */
  private async waitUntilSettled(workspace: WorkspacePrincipal, view: SandboxView, timeoutSeconds: number): Promise<SandboxView> {
    const deadline = Date.now() + timeoutSeconds * 1000;
    let current = view;
    while (current.status === 'provisioning') {
      const remaining = (deadline - Date.now()) / 1000;
      if (remaining <= 0) {
        throw new ApiError(408, 'Timeout', `sandbox '${current.name}' was not ready within ${timeoutSeconds} s (last status: ${current.status})`);
      }
      current = await this.rpc.request(sandboxRpc.get, {
        workspaceId: workspace.workspaceId,
        idOrName: current.id,
        waitSeconds: Math.min(LONG_POLL_SECONDS, remaining),
      });
    }
    if (current.status === 'failed') {
      throw new ApiError(422, 'SandboxCreationFailed', `sandbox '${current.name}' failed to start: ${current.statusMessage ?? 'no reason given'}`);
    }
    return current;
  }
}
