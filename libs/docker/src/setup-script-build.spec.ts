import { randomBytes } from 'node:crypto';
import Docker from 'dockerode';
import { BASE_IMAGE, ensureBaseImage, splitReference } from './base-image.js';
import { runContainerExec } from './container-exec.js';
import { engineStatus } from './docker-errors.js';
import { buildWithSetupScript, oneOffContainersRemoved, type SetupScriptBuildRequest, type SetupScriptBuildResult } from './setup-script-build.js';

// The harness's TEST_LABEL from @snapforge/testing, which depends on this library and cannot be imported here.
const TEST_LABEL = 'io.snapforge.test';
const RUN_LABEL = 'io.snapforge.test-run';

describe('buildWithSetupScript', () => {
  const docker = new Docker();
  let run: string;
  let targetRef: string;
  let lines: string[];

  beforeAll(async () => {
    await ensureBaseImage(docker);
  });

  beforeEach(() => {
    run = randomBytes(4).toString('hex');
    targetRef = `snapforge-spec/profile:${run}`;
    lines = [];
  });

  // Containers the build or a test left behind are removed here, so that a failing test leaves none.
  afterEach(async () => {
    await oneOffContainersRemoved();
    for (const { Id } of await containersOfRun()) await docker.getContainer(Id).remove({ force: true, v: true });
    await docker
      .getImage(targetRef)
      .remove({ force: true })
      .catch((error: unknown) => {
        if (engineStatus(error) !== 404) throw error;
      });
  });

  const labels = () => ({ [TEST_LABEL]: 'true', [RUN_LABEL]: run, 'io.snapforge.profile-version': '7' });
  const containersOfRun = () => docker.listContainers({ all: true, filters: { label: [`${RUN_LABEL}=${run}`] } });

  const build = (request: Partial<SetupScriptBuildRequest> & Pick<SetupScriptBuildRequest, 'setupScript'>, signal?: AbortSignal) =>
    buildWithSetupScript(
      docker,
      { baseImage: BASE_IMAGE, timeoutSeconds: 60, targetRef, labels: labels(), ...request },
      { log: (line) => lines.push(line), ...(signal ? { signal } : {}) },
    );

  async function expectNothingLeft(): Promise<void> {
    await oneOffContainersRemoved();
    expect(await containersOfRun()).toEqual([]);
  }

  async function expectNoImage(): Promise<void> {
    await expect(docker.getImage(targetRef).inspect()).rejects.toMatchObject({ statusCode: 404 });
  }

  /** Runs `script` in a container of `image`, with the image's own user and working directory. */
  async function inImage(image: string, script: string): Promise<string> {
    const container = await docker.createContainer({
      Image: image,
      Entrypoint: ['sleep', '86400'],
      Labels: labels(),
      HostConfig: { NetworkMode: 'none' },
    });
    try {
      await container.start();
      const result = await runContainerExec(docker, container.id, { script });
      expect(result.exitCode).toBe(0);
      return result.stdout.toString();
    } finally {
      await container.remove({ force: true });
    }
  }

  it('commits what the script installed, with the labels and the base image command', async () => {
    const result = await build({
      setupScript: 'mkdir -p /opt/tool\necho 1.2.3 > /opt/tool/version\necho scratch > /tmp/scratch\necho installed\necho note >&2',
      vcpus: 1,
      memBytes: 256 * 1024 * 1024,
    });

    expect(result).toMatchObject({ kind: 'succeeded', imageRef: targetRef });
    const image = await docker.getImage(targetRef).inspect();
    expect(result).toMatchObject({ kind: 'succeeded', imageRef: targetRef, image: { id: image.Id, sizeBytes: image.Size, labels: image.Config.Labels } });
    const base = await docker.getImage(BASE_IMAGE).inspect();
    expect(image.Config.Cmd).toEqual(base.Config.Cmd);
    expect(image.Config.Entrypoint ?? []).toEqual(base.Config.Entrypoint ?? []);
    expect(image.Config.Labels).toMatchObject({ 'io.snapforge.profile-version': '7' });
    // /tmp (the script itself, scratch files) stays out of the image.
    expect(await inImage(targetRef, 'cat /opt/tool/version; ls -A /tmp')).toBe('1.2.3\n');
    expect(lines).toEqual(expect.arrayContaining(['installed', 'note']));
    await expectNothingLeft();
  });

  it("gives the image the base image's entrypoint back, and no command when the base had none", async () => {
    const baseImage = `snapforge-spec/entrypoint:${run}`;
    const { repo, tag } = splitReference(baseImage);
    // Committing a never-started container copies its config: an entrypoint and no command.
    const never = await docker.createContainer({ Image: BASE_IMAGE, Entrypoint: ['/bin/echo', 'hello'], Labels: labels() });
    try {
      await never.commit({ repo, tag });
    } finally {
      await never.remove();
    }
    try {
      const result = await build({ baseImage, setupScript: 'touch /made' });

      expect(result.kind).toBe('succeeded');
      const { Config } = await docker.getImage(targetRef).inspect();
      expect(Config.Entrypoint).toEqual(['/bin/echo', 'hello']);
      expect(Config.Cmd ?? []).toEqual([]);
    } finally {
      await docker.getImage(baseImage).remove({ force: true });
    }
  });

  it('runs the script with sh -e, without a network and with the sandbox limits', async () => {
    const result = await build({
      setupScript: [
        '[ "$(ls /sys/class/net)" = lo ] || exit 9',
        'grep -q "^NoNewPrivs:[[:space:]]*1" /proc/self/status || exit 10',
        'cat /sys/fs/cgroup/pids.max /sys/fs/cgroup/pids/pids.max 2>/dev/null',
        'false',
        'echo not reached',
      ].join('\n'),
    });

    expect(result).toMatchObject({ kind: 'failed', errorCode: 'setup_script_failed' });
    expect(result.kind === 'failed' && result.errorMessage).toMatch(/exit code 1; its last lines of output:\n1024$/);
    expect(lines).not.toContain('not reached');
    await expectNoImage();
    await expectNothingLeft();
  });

  it('fails with the exit code and the last lines of output when the script fails', async () => {
    const result = await build({ setupScript: 'for i in $(seq 1 30); do echo "line $i"; done\necho one; echo two; exit 3' });

    expect(result).toMatchObject({ kind: 'failed', errorCode: 'setup_script_failed' });
    const message = (result as Extract<SetupScriptBuildResult, { kind: 'failed' }>).errorMessage;
    expect(message).toMatch(/exit code 3/);
    const quoted = message.split('\n').slice(1);
    expect(quoted).toHaveLength(20);
    expect(quoted.slice(-3)).toEqual(['line 30', 'one', 'two']);
    expect(quoted).not.toContain('line 12');
    await expectNoImage();
    await expectNothingLeft();
  });

  it('bounds the quoted output in bytes', async () => {
    const result = await build({ setupScript: 'head -c 100000 /dev/zero | tr "\\0" x; echo; echo last; exit 1' });

    const message = (result as Extract<SetupScriptBuildResult, { kind: 'failed' }>).errorMessage;
    expect(Buffer.byteLength(message)).toBeLessThan(4300);
    expect(message).toMatch(/x\nlast$/);
  });

  it('stops a script that runs past the time-out', async () => {
    const result = await build({ setupScript: 'echo waiting\nsleep 300', timeoutSeconds: 2 });

    expect(result).toMatchObject({ kind: 'failed', errorCode: 'setup_script_timeout' });
    expect(result.kind === 'failed' && result.errorMessage).toMatch(/timed out after 2 s while running the setup script/);
    await expectNoImage();
    await expectNothingLeft();
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    const result = await buildWithSetupScript(
      docker,
      { baseImage: BASE_IMAGE, setupScript: 'echo started\nsleep 300', timeoutSeconds: 60, targetRef, labels: labels() },
      { log: (line) => line === 'started' && controller.abort(), signal: controller.signal },
    );

    expect(result).toEqual({
      kind: 'failed',
      errorCode: 'setup_script_timeout',
      errorMessage: 'the build was stopped while running the setup script',
    });
    await expectNoImage();
    await expectNothingLeft();
  });

  it('makes the container ready but runs no script before the go-ahead, and none at all without it', async () => {
    let goAhead: (go: boolean) => void = () => undefined;
    const building = buildWithSetupScript(
      docker,
      { baseImage: BASE_IMAGE, setupScript: 'echo ran', timeoutSeconds: 60, targetRef, labels: labels() },
      { log: (line) => lines.push(line), goAhead: new Promise((resolve) => (goAhead = resolve)) },
    );
    while ((await containersOfRun()).length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await containersOfRun()).map((container) => container.State)).toEqual(['created']);
    expect(lines).not.toContain('ran');
    goAhead(false);

    expect(await building).toEqual({
      kind: 'failed',
      errorCode: 'setup_script_timeout',
      errorMessage: 'the build was stopped while waiting to run the setup script',
    });
    expect(lines).not.toContain('ran');
    await expectNoImage();
    await expectNothingLeft();

    const allowed = await buildWithSetupScript(
      docker,
      { baseImage: BASE_IMAGE, setupScript: 'echo ran', timeoutSeconds: 60, targetRef, labels: labels() },
      { log: (line) => lines.push(line), goAhead: Promise.resolve(true) },
    );
    expect(allowed.kind).toBe('succeeded');
    expect(lines).toContain('ran');
  });

  it('removes the one-off container of a success only once the caller says so', async () => {
    let done: () => void = () => undefined;
    const result = await buildWithSetupScript(
      docker,
      { baseImage: BASE_IMAGE, setupScript: 'echo ran', timeoutSeconds: 60, targetRef, labels: labels() },
      { log: (line) => lines.push(line), removeContainerAfter: new Promise<void>((resolve) => (done = resolve)) },
    );

    expect(result.kind).toBe('succeeded');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await containersOfRun()).toHaveLength(1);
    done();
    await expectNothingLeft();
  });

  it('ends what the script left running in the background, as a Dockerfile RUN does', async () => {
    const result = await build({ setupScript: 'sleep 300 &\necho started' });

    expect(result.kind).toBe('succeeded');
    await expectNothingLeft();
  });

  it('streams output while the script runs', async () => {
    let goAhead: Promise<unknown> | undefined;
    const result = await buildWithSetupScript(
      docker,
      {
        baseImage: BASE_IMAGE,
        // It ends only once the test saw its first line and let it go on.
        setupScript: 'echo first\nwhile [ ! -e /tmp/go ]; do sleep 0.1; done\necho second',
        timeoutSeconds: 30,
        targetRef,
        labels: labels(),
      },
      {
        log: (line) => {
          lines.push(line);
          if (line === 'first') goAhead = letGo();
        },
      },
    );
    await goAhead;

    expect(result.kind).toBe('succeeded');
    expect(lines.indexOf('first')).toBeLessThan(lines.indexOf('second'));
    await expectNothingLeft();

    async function letGo(): Promise<void> {
      const [container] = await containersOfRun();
      if (!container) throw new Error('the build container is gone');
      await runContainerExec(docker, container.Id, { script: 'touch /tmp/go' });
    }
  });

  it('fails naming the image and the reason when the base image cannot be pulled', async () => {
    const baseImage = '127.0.0.1:1/snapforge/missing:latest';
    const result = await build({ baseImage, setupScript: 'true' });

    expect(result).toMatchObject({ kind: 'failed', errorCode: 'base_image_pull_failed' });
    expect(result.kind === 'failed' && result.errorMessage).toMatch(/cannot pull the base image 127\.0\.0\.1:1\/snapforge\/missing:latest: .*connection refused/);
    expect(lines[0]).toBe(`Pulling ${baseImage}`);
    await expectNoImage();
    await expectNothingLeft();
  });
});
