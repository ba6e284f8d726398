import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { NatsConnection } from '@nats-io/transport-node';
import { buildOutputSubject, snapshotJobRpc } from '@snapforge/contracts';
import { NATS_CONNECTION, RpcClient } from '@snapforge/messaging';
import { CurrentWorkspace } from '../auth/current-workspace.decorator.js';
import type { WorkspacePrincipal } from '../auth/workspace-principal.js';
import { streamJobOutput, wantsFollow } from '../common/stream-output.js';
import { jobResponse } from './profile.response.js';

@ApiTags('profiles')
@ApiSecurity('api-key')
@Controller('v1/snapshot-jobs')
export class SnapshotJobsController {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
  ) {}

  @Get(':id')
  async get(@CurrentWorkspace() workspace: WorkspacePrincipal, @Param('id') id: string) {
    return jobResponse(await this.rpc.request(snapshotJobRpc.get, { workspaceId: workspace.workspaceId, jobId: id }));
  }

  /** The setup script's output: live with `follow=true` until the job ends, then the stored rest. */
  @Get(':id/output')
  @ApiQuery({ name: 'follow', required: false, type: Boolean })
  async output(
    @CurrentWorkspace() workspace: WorkspacePrincipal,
    @Param('id') id: string,
    @Query('follow') follow: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const job = await this.rpc.request(snapshotJobRpc.get, { workspaceId: workspace.workspaceId, jobId: id });
    await streamJobOutput(reply, this.nc, buildOutputSubject(job.id), wantsFollow(follow) && (job.status === 'queued' || job.status === 'running'));
  }
}
