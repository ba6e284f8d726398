import { Controller, Get, Inject, Param, Query, Res, type OnModuleInit } from '@nestjs/common';
import { ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { NatsConnection } from '@nats-io/transport-node';
import { BUILD_OUTPUT, buildOutputSubject, snapshotRpc } from '@snapforge/contracts';
import { ensureOutputStream, NATS_CONNECTION, RpcClient } from '@snapforge/messaging';
import { CurrentWorkspace } from '../auth/current-workspace.decorator.js';
import type { WorkspacePrincipal } from '../auth/workspace-principal.js';
import { streamJobOutput, wantsFollow } from '../common/stream-output.js';

/** A snapshot build's output as plain text; `follow=true` keeps the response open until the build ends. */
@ApiTags('snapshots')
@ApiSecurity('api-key')
@Controller('v1/snapshots')
export class SnapshotOutputController implements OnModuleInit {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
  ) {}

  async onModuleInit(): Promise<void> {
    await ensureOutputStream(this.nc, BUILD_OUTPUT);
  }

  @Get(':id/output')
  @ApiQuery({ name: 'follow', required: false, type: Boolean })
  async output(
    @CurrentWorkspace() workspace: WorkspacePrincipal,
    @Param('id') id: string,
    @Query('follow') follow: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // Scope first: another workspace's snapshot answers 404 like a missing one.
    const snapshot = await this.rpc.request(snapshotRpc.get, { workspaceId: workspace.workspaceId, snapshotId: id });
    await streamJobOutput(reply, this.nc, buildOutputSubject(snapshot.id), wantsFollow(follow) && snapshot.status === 'building');
  }
}
