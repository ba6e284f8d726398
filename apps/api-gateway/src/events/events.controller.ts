import { once } from 'node:events';
import { Controller, Get, Headers, Logger, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiProduces, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { parsePosition, type GlobalPosition } from '@snapforge/event-store';
import { CurrentWorkspace } from '../auth/current-workspace.decorator.js';
import type { WorkspacePrincipal } from '../auth/workspace-principal.js';
import { RequestValidationError } from '../common/api-error.js';
import { EventFeedService } from './event-feed.service.js';
import { commentFrame, notificationFrame } from './sse-frame.js';

const KEEP_ALIVE_MS = 15_000;

/** The workspace's lifecycle events as Server-Sent Events, resumable with `Last-Event-ID`. */
@ApiTags('events')
@ApiSecurity('api-key')
@Controller('v1/events')
export class EventsController {
  private readonly logger = new Logger(EventsController.name);

  constructor(private readonly feed: EventFeedService) {}

  @Get()
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'id of the last event received: the feed resumes right after it' })
  @ApiOkResponse({ description: 'one `id`/`event`/`data` message per lifecycle event; `data` is JSON' })
  async stream(
    @CurrentWorkspace() workspace: WorkspacePrincipal,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const feed = await this.feed.open(workspace.workspaceId, parseLastEventId(lastEventId));
    const closed = new AbortController();
    reply.raw.on('close', () => {
      closed.abort();
      void feed.close();
    });
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const keepAlive = setInterval(() => reply.raw.write(commentFrame('keep-alive')), KEEP_ALIVE_MS);
    try {
      reply.raw.write(commentFrame(`feed of workspace ${workspace.workspaceId}`));
      for await (const notification of feed) {
        // A slow client holds the feed back instead of piling its events up in memory.
        if (!reply.raw.write(notificationFrame(notification))) await once(reply.raw, 'drain', { signal: closed.signal });
      }
    } catch (error) {
      if (!closed.signal.aborted) {
        this.logger.error(`event feed of workspace ${workspace.workspaceId} failed`, error instanceof Error ? error.stack : String(error));
      }
    } finally {
      clearInterval(keepAlive);
      await feed.close();
      reply.raw.end();
    }
  }
}

function parseLastEventId(header: string | undefined): GlobalPosition | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  try {
    return parsePosition(header.trim());
  } catch {
    throw RequestValidationError.field(['header', 'Last-Event-ID'], 'must be the id of an event of this feed ("commit:prepare")');
  }
}
