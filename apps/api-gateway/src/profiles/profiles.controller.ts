import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiSecurity, ApiTags } from '@nestjs/swagger';
import { checkRefreshSchedule, profileRpc, snapshotJobRpc } from '@snapforge/contracts';
import { RpcClient } from '@snapforge/messaging';
import { CurrentWorkspace } from '../auth/current-workspace.decorator.js';
import type { WorkspacePrincipal } from '../auth/workspace-principal.js';
import { BoxResponse } from '../boxes/box.response.js';
import { RequestValidationError } from '../common/api-error.js';
import { LIST_DEFAULT_LIMIT, ListQuery } from '../common/list.query.js';
import { CreateProfileDto } from './dto/create-profile.dto.js';
import { DraftDto } from './dto/draft.dto.js';
import { RefreshScheduleDto } from './dto/refresh-schedule.dto.js';
import { SessionDto } from './dto/session.dto.js';
import { jobResponse, profileResponse, versionResponse } from './profile.response.js';

/** Native profiles: drafts, published versions, their snapshot jobs and schedules, and sessions. */
@ApiTags('profiles')
@ApiSecurity('api-key')
@Controller('v1/profiles')
export class ProfilesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(201)
  async create(@CurrentWorkspace() workspace: WorkspacePrincipal, @Body() body: CreateProfileDto) {
    return profileResponse(await this.rpc.request(profileRpc.create, { workspaceId: workspace.workspaceId, name: body.name }));
  }

  @Get()
  async list(@CurrentWorkspace() workspace: WorkspacePrincipal, @Query() query: ListQuery) {
    const offset = query.offset ?? 0;
    const page = await this.rpc.request(profileRpc.list, {
      workspaceId: workspace.workspaceId,
      ...(query.name_contains ? { nameContains: query.name_contains } : {}),
      limit: query.limit ?? LIST_DEFAULT_LIMIT,
      offset,
    });
    return { profiles: page.items.map(profileResponse), offset, total: page.total };
  }

  @Get(':id')
  async get(@CurrentWorkspace() workspace: WorkspacePrincipal, @Param('id') id: string) {
    return profileResponse(await this.rpc.request(profileRpc.get, { workspaceId: workspace.workspaceId, idOrName: id }));
  }

  @Put(':id/draft')
  async updateDraft(@CurrentWorkspace() workspace: WorkspacePrincipal, @Param('id') id: string, @Body() body: DraftDto) {
    return profileResponse(await this.rpc.request(profileRpc.updateDraft, { workspaceId: workspace.workspaceId, idOrName: id, draft: DraftDto.toSpec(body) }));
  }

  @Post(':id/publish')
  @HttpCode(201)
  async publish(@CurrentWorkspace() workspace: WorkspacePrincipal, @Param('id') id: string) {
    return versionResponse(await this.rpc.request(profileRpc.publish, { workspaceId: workspace.workspaceId, idOrName: id }));
  }

  @Get(':id/versions')
  async versions(@CurrentWorkspace() workspace: WorkspacePrincipal, @Param('id') id: string) {
    const versions = await this.rpc.request(profileRpc.versions, { workspaceId: workspace.workspaceId, idOrName: id });
    return { versions: versions.map(versionResponse) };
  }

  @Get(':id/versions/:n')
  async version(@CurrentWorkspace() workspace: WorkspacePrincipal, @Param('id') id: string, @Param('n', ParseIntPipe) version: number) {
    return versionResponse(await this.rpc.request(profileRpc.version, { workspaceId: workspace.workspaceId, idOrName: id, version }));
  }

  /** 409 PROFILE_VERSION_SNAPSHOT_IN_PROGRESS with `active_job_id` while a job is queued or running. */
  @Post(':id/versions/:n/refresh')
  @HttpCode(202)
  async refresh(@CurrentWorkspace() workspace: WorkspacePrincipal, @Param('id') id: string, @Param('n', ParseIntPipe) version: number) {
    const job = await this.rpc.request(snapshotJobRpc.refresh, { workspaceId: workspace.workspaceId, idOrName: id, version, trigger: 'manual_refresh' });
    if ('skipped' in job) throw new Error('a manual refresh cannot be skipped');
    return jobResponse(job);
  }

  @Put(':id/versions/:n/refresh-schedule')
  async setSchedule(
    @CurrentWorkspace() workspace: WorkspacePrincipal,
    @Param('id') id: string,
    @Param('n', ParseIntPipe) version: number,
    @Body() body: RefreshScheduleDto,
  ) {
    const check = checkRefreshSchedule(body.cron, body.timezone);
    if (!check.ok) throw RequestValidationError.field(['body', check.field], check.message);
    const schedule = await this.rpc.request(profileRpc.setSchedule, { workspaceId: workspace.workspaceId, idOrName: id, version, ...body });
    return { cron: schedule.cron, timezone: schedule.timezone, next_run_at: schedule.nextRunAt };
  }

  @Delete(':id/versions/:n/refresh-schedule')
  @HttpCode(204)
  async removeSchedule(@CurrentWorkspace() workspace: WorkspacePrincipal, @Param('id') id: string, @Param('n', ParseIntPipe) version: number) {
    await this.rpc.request(profileRpc.removeSchedule, { workspaceId: workspace.workspaceId, idOrName: id, version });
  }

  /** A sandbox (the same object and data plane as /v2/sandboxes/boxes) from a usable version. */
  @Post(':id/sessions')
  @HttpCode(201)
  async session(@CurrentWorkspace() workspace: WorkspacePrincipal, @Param('id') id: string, @Body() body: SessionDto) {
    const sandbox = await this.rpc.request(
      snapshotJobRpc.session,
      { workspaceId: workspace.workspaceId, idOrName: id, ...(body.version ? { version: body.version } : {}), ...(body.name ? { name: body.name } : {}), createdBy: workspace.keyId },
      { timeoutMs: 10_000 },
    );
    return BoxResponse.from(sandbox);
  }
}
