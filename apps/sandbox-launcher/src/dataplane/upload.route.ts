import type { FastifyInstance } from 'fastify';
import { ContainerFileError, writeContainerFile } from '@snapforge/docker';
import { keepSandboxActive } from './activity-heartbeat.js';
import type { DataPlaneContext } from './dataplane-context.js';
import { DataPlaneError, engineError, fileError } from './dataplane-errors.js';
import { MultipartError, MultipartFileExtractor, multipartBoundary } from './multipart-file.js';
import { RequestFields } from './request-fields.js';
import { sandboxAccess } from './sandbox-access.js';

/**
 * `POST /upload?path=`: the multipart part named `file` streams into the file at `path` in the
 * sandbox (relative to its working directory), which changes only once all of it arrived.
 * Answers `{path, size}`.
 */
export function registerUploadRoute(scope: FastifyInstance, context: DataPlaneContext): void {
  // The body is streamed by the route, never parsed into memory (nor held to a body limit).
  scope.addContentTypeParser('multipart/form-data', (_request, _payload, done) => done(null));

  scope.post('/upload', async (request) => {
    const access = sandboxAccess(request);
    const path = new RequestFields(request.query, ['query']).requiredString('path');
    const boundary = multipartBoundary(request.headers['content-type']);
    if (!boundary) throw new DataPlaneError(400, 'InvalidRequest', 'the upload must be multipart/form-data with a boundary, the file in a part named "file"');
    const stopHeartbeat = keepSandboxActive(context.sandboxes, access.sandboxId, context.limits.activityIntervalMs);
    try {
      // `pipe`, not `pipeline`: a malformed body must leave the request alive, to be answered.
      const content = request.raw.pipe(new MultipartFileExtractor(boundary, 'file'));
      request.raw.once('error', (error) => content.destroy(error));
      request.raw.once('close', () => {
        if (!request.raw.complete) content.destroy(new Error('the client went away before the upload was complete'));
      });
      const { bytes } = await writeContainerFile(context.docker, access.containerId, path, content, {
        user: access.runConfig.user,
        cwd: access.runConfig.workDir,
      });
      return { path, size: bytes };
    } catch (error) {
      if (error instanceof ContainerFileError) throw fileError(error, 'write');
      if (error instanceof MultipartError) throw new DataPlaneError(400, 'InvalidRequest', error.message);
      throw engineError(error, 'the upload');
    } finally {
      stopHeartbeat();
    }
  });
}
