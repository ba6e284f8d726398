import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ContainerFileError, readContainerFile, statContainerFile, type ContainerFileStat } from '@snapforge/docker';
import { keepSandboxActive } from './activity-heartbeat.js';
import { requestedByteRange } from './byte-range.js';
import type { DataPlaneContext } from './dataplane-context.js';
import { DataPlaneError, engineError, fileError } from './dataplane-errors.js';
import { RequestFields } from './request-fields.js';
import { sandboxAccess } from './sandbox-access.js';

/**
 * `GET|HEAD /download?path=`: the regular file at `path` in the sandbox, streamed, with
 * Content-Length, a strong ETag and Last-Modified; `If-None-Match` → 304; `Range` (one range, and
 * `If-Range` by ETag) → 206 with Content-Range, or 416 past the end; a missing file → 404 FileNotFound.
 */
export function registerDownloadRoute(scope: FastifyInstance, context: DataPlaneContext): void {
  scope.route({
    method: ['GET', 'HEAD'],
    url: '/download',
    handler: async (request, reply) => {
      const access = sandboxAccess(request);
      const path = new RequestFields(request.query, ['query']).requiredString('path');
      const fileOptions = { user: access.runConfig.user, cwd: access.runConfig.workDir };
      const stat = await statContainerFile(context.docker, access.containerId, path, fileOptions).catch((error: unknown) => {
        throw engineError(error, 'the download');
      });
      if (!stat) throw new DataPlaneError(404, 'FileNotFound', `no file at ${path}`);
      if (!stat.isFile) throw new DataPlaneError(400, 'ReadError', `${path} is ${stat.isDir ? 'a directory' : 'not a regular file'}`);
      if (!stat.readable) throw new DataPlaneError(403, 'ReadError', `${path} is not readable by the sandbox's user`);

      const etag = entityTag(stat);
      void reply.header('etag', etag).header('last-modified', stat.mtime.toUTCString()).header('accept-ranges', 'bytes');
      if (matchesAny(request.headers['if-none-match'], etag)) return reply.code(304).send();

      const range = rangeStillValid(request, etag) ? requestedByteRange(request.headers.range, stat.size) : undefined;
      if (range === 'unsatisfiable') {
        void reply.header('content-range', `bytes */${stat.size}`);
        throw new DataPlaneError(416, 'RangeNotSatisfiable', `the range ${request.headers.range} starts past the end of ${path} (${stat.size} bytes)`);
      }
      void reply.header('content-type', 'application/octet-stream');
      if (range) void reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${stat.size}`);
      const length = range ? range.end - range.start + 1 : stat.size;
      void reply.header('content-length', length);
      if (request.method === 'HEAD' || length === 0) return reply.send();

      const content = await readContainerFile(context.docker, access.containerId, path, { ...fileOptions, range }).catch((error: unknown) => {
        throw error instanceof ContainerFileError ? fileError(error, 'read') : engineError(error, 'the download');
      });
      streamWithHeartbeat(reply, context, access.sandboxId);
      return reply.send(content);
    },
  });
}

/** Changes with the file's identity, size or modification time (to the nanosecond where kept). */
function entityTag(stat: ContainerFileStat): string {
  return `"${stat.inode.toString(16)}-${stat.size.toString(16)}-${stat.mtimeNs.toString(16)}"`;
}

function matchesAny(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

/**
 * Without `If-Range`, or with one naming this version of the file. A date cannot: the file may
 * have changed within the second Last-Modified shows, so it gets the whole file, as RFC 9110 allows.
 */
function rangeStillValid(request: FastifyRequest, etag: string): boolean {
  const ifRange = request.headers['if-range'];
  return ifRange === undefined || ifRange === etag;
}

function streamWithHeartbeat(reply: FastifyReply, context: DataPlaneContext, sandboxId: string): void {
  const stopHeartbeat = keepSandboxActive(context.sandboxes, sandboxId, context.limits.activityIntervalMs);
  reply.raw.once('close', stopHeartbeat);
}
