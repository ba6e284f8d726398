import Docker from 'dockerode';
import { ensureBaseImage } from './base-image.js';
import { ensureDockerEngine, followProgress } from './docker-engine.js';

describe('ensureDockerEngine', () => {
  it('leaves an engine that already answers alone', async () => {
    await expect(ensureDockerEngine()).resolves.toEqual({ started: false });
  });

  it('does not start a local dockerd for a DOCKER_HOST that does not answer', async () => {
    const previous = process.env['DOCKER_HOST'];
    process.env['DOCKER_HOST'] = 'unix:///nonexistent/docker.sock';
    try {
      await expect(ensureDockerEngine({ timeoutMs: 1_000 })).rejects.toThrow(
        'no Docker Engine answers at DOCKER_HOST=unix:///nonexistent/docker.sock',
      );
    } finally {
      if (previous === undefined) delete process.env['DOCKER_HOST'];
      else process.env['DOCKER_HOST'] = previous;
    }
  });
});

describe('followProgress', () => {
  it('fails with the message the engine put inside a stream that began with HTTP 200', async () => {
    const docker = new Docker();
    await ensureBaseImage(docker);
    // Nothing listens on port 1, and a push reports that only once its stream has begun.
    const ref = '127.0.0.1:1/snapforge-follow-progress:spec';
    await docker.getImage('snapforge/busybox:latest').tag({ repo: '127.0.0.1:1/snapforge-follow-progress', tag: 'spec' });
    try {
      const stream = await docker.getImage(ref).push({ authconfig: { serveraddress: '127.0.0.1:1' } });
      await expect(followProgress(docker, stream)).rejects.toThrow(/connection refused/);
    } finally {
      await docker.getImage(ref).remove({ noprune: true });
    }
  });
});
