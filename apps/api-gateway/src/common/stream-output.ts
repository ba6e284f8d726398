import type { FastifyReply } from 'fastify';
import type { NatsConnection } from '@nats-io/transport-node';
import { BUILD_OUTPUT } from '@snapforge/contracts';
import { readOutput } from '@snapforge/messaging';

/** Streams a job's stored output as plain text and, with `follow`, the live rest until its end. */
export async function streamJobOutput(reply: FastifyReply, nc: NatsConnection, subject: string, follow: boolean): Promise<void> {
  const abort = new AbortController();
  reply.raw.on('close', () => abort.abort());
  reply.raw.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
  for await (const line of readOutput(nc, BUILD_OUTPUT, subject, { follow, signal: abort.signal })) reply.raw.write(line);
  reply.raw.end();
}

export function wantsFollow(follow: string | undefined): boolean {
  return follow === 'true' || follow === '1';
}
