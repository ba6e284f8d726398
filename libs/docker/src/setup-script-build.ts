import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type Docker from 'dockerode';
import { splitReference } from './base-image.js';
import { startContainerExec } from './container-exec.js';
import { engineMessage } from './docker-errors.js';
import { DockerodeImageBuilder } from './dockerode-image-builder.js';
import type { ImageSummary, RegistryAuth } from './image-builder.port.js';
import { DROPPED_CAPABILITIES, KEEP_ALIVE, PIDS_LIMIT } from './sandbox-containers.js';

/** A profile version's snapshot build: its setup script applied to its base image. */
export interface SetupScriptBuildRequest {
  /** Pulled when missing from this host, and always when `registryAuth` is given. */
  readonly baseImage: string;
  readonly registryAuth?: RegistryAuth;
  /** Run with `sh -e`, as the base image's user in its working directory, without a network. */
  readonly setupScript: string;
  readonly vcpus?: number;
  readonly memBytes?: number;
  /** For the whole build: pull, script and commit. */
  readonly timeoutSeconds: number;
  /** Where the result goes, e.g. `snapforge/profile:<jobId>`. */
  readonly targetRef: string;
  /** Put on the one-off container and, through the commit, on the image. */
  readonly labels: Readonly<Record<string, string>>;
}

export interface SetupScriptBuildContext {
  /** Stops the build as its time-out does. */
  readonly signal?: AbortSignal;
  /**
   * The script starts only once this resolves true: the base image and the container are made
   * ready meanwhile. False stops the build before the script runs.
   */
  readonly goAhead?: Promise<boolean>;
  /**
   * After a success the one-off container is removed in the background once this settles (at once
   * without it): removing it costs the engine a burst of work that the caller may want after its own
   * next steps. It must settle, or a shutdown waits for the container forever.
   */
  readonly removeContainerAfter?: Promise<unknown>;
  /** Build output a line at a time: steps, pull progress, the script's stdout and stderr as they come. */
  readonly log: (line: string) => void;
}

export type SetupScriptBuildErrorCode = 'base_image_pull_failed' | 'setup_script_failed' | 'setup_script_timeout';

export type SetupScriptBuildResult =
  | { readonly kind: 'succeeded'; readonly imageRef: string; readonly image: ImageSummary }
  | { readonly kind: 'failed'; readonly errorCode: SetupScriptBuildErrorCode; readonly errorMessage: string };

/*
 * Like a Dockerfile RUN, the step ends with the script: what it left running in the background
 * would otherwise hold the output open, and the build with it, until the time-out. The shell ignores
 * the TERM it sends to its own process group so that it can report the script's exit code.
 */
// The script travels as an argument (at most 64 KiB, under Linux's 128 KiB per argument): no
// separate exec to write it into the container first.
const RUN_SCRIPT = ['/bin/sh -e -c "$1" setup-script', 'status=$?', "trap '' TERM", 'kill -TERM 0 2>/dev/null', 'exit $status'].join('\n');

const pendingRemovals = new Set<Promise<unknown>>();

function trackRemoval(removal: Promise<unknown>): void {
  const settled = removal.catch(() => undefined).finally(() => pendingRemovals.delete(settled));
  pendingRemovals.add(settled);
}

/** Resolves once the one-off containers of finished builds are gone (they are removed in the background). */
export async function oneOffContainersRemoved(): Promise<void> {
  await Promise.all([...pendingRemovals]);
}

/** How much of the end of the output a failure quotes. */
const TAIL_LINES = 20;
const TAIL_MAX_BYTES = 4096;
/** Output without a newline is cut into lines of this many characters, so a line never grows unbounded. */
const MAX_LINE_CHARS = 16 * 1024;

/**
 * Builds an image from a base image and a setup script: pulls the base when needed, runs the script
 * with `sh -e` in a one-off container as locked down as a sandbox's (no network, no new privileges,
 * fewer capabilities, pids and optional CPU and memory limits), streams its output to `log`, and
 * commits the container as `targetRef` with the base image's command. The one-off container is
 * always removed, and no image is left behind unless the build succeeded.
 *
 * What a user can act on comes back as a failed result; the promise rejects only when the engine
 * fails outside of that (cannot create or commit the container).
 */
export async function buildWithSetupScript(
  docker: Docker,
  request: SetupScriptBuildRequest,
  context: SetupScriptBuildContext,
): Promise<SetupScriptBuildResult> {
  const deadline = AbortSignal.timeout(request.timeoutSeconds * 1000);
  const signal = context.signal ? AbortSignal.any([deadline, context.signal]) : deadline;
  return new SetupScriptBuild(docker, request, context.log, signal, deadline, context.goAhead ?? Promise.resolve(true), context.removeContainerAfter ?? Promise.resolve()).run();
}

class SetupScriptBuild {
  private readonly images: DockerodeImageBuilder;

  constructor(
    private readonly docker: Docker,
    private readonly request: SetupScriptBuildRequest,
    private readonly log: (line: string) => void,
    private readonly signal: AbortSignal,
    private readonly deadline: AbortSignal,
    private readonly goAhead: Promise<boolean>,
    private readonly removeContainerAfter: Promise<unknown>,
  ) {
    this.images = new DockerodeImageBuilder(docker);
  }

  async run(): Promise<SetupScriptBuildResult> {
    const { baseImage } = this.request;
    const pullFailure = await this.ensureBaseImage();
    if (pullFailure) return pullFailure;
    if (this.signal.aborted) return this.stopped(`preparing ${baseImage}`);
    const base = await this.docker.getImage(baseImage).inspect();
    const container = await this.createContainer(base.Id);
    let result: SetupScriptBuildResult | undefined;
    try {
      result = (await this.runScript(container)) ?? (await this.commit(container, base));
      return result;
    } finally {
      const remove = () => container.remove({ force: true, v: true });
      // After a success the image is what counts: the container (stopping it takes ~150 ms) goes in
      // the background, tracked so that a shutdown can wait for it. Otherwise it goes before the answer.
      if (result?.kind === 'succeeded') trackRemoval(this.removeContainerAfter.then(remove, remove));
      else await remove();
    }
  }

  private async ensureBaseImage(): Promise<SetupScriptBuildResult | undefined> {
    const { baseImage, registryAuth } = this.request;
    if (!registryAuth && (await this.images.hasImage(baseImage))) {
      this.log(`Using ${baseImage}, already on this host`);
      return undefined;
    }
    this.log(`Pulling ${baseImage}${registryAuth ? ` from ${registryAuth.serveraddress} as ${registryAuth.username ?? '(anonymous)'}` : ''}`);
    try {
      await this.images.pull(baseImage, { ...(registryAuth ? { auth: registryAuth } : {}), signal: this.signal, onProgress: this.log });
      return undefined;
    } catch (error) {
      if (this.signal.aborted) return this.stopped(`pulling ${baseImage}`);
      return failed('base_image_pull_failed', `cannot pull the base image ${baseImage}: ${engineMessage(error)}`);
    }
  }

  /**
   * The keep-alive loop is the entrypoint and the container has no command, so that the commit can
   * give the image the base's entrypoint and command back, including an empty one (see `commit`).
   */
  private async createContainer(imageId: string): Promise<Docker.Container> {
    const { vcpus, memBytes, labels } = this.request;
    return this.docker.createContainer({
      Image: imageId,
      Entrypoint: ['/bin/sh', '-c', KEEP_ALIVE],
      Labels: { ...labels },
      NetworkDisabled: true,
      HostConfig: {
        NetworkMode: 'none',
        Init: true,
        ...(memBytes ? { Memory: memBytes, MemorySwap: memBytes } : {}),
        ...(vcpus ? { NanoCpus: Math.round(vcpus * 1e9) } : {}),
        PidsLimit: PIDS_LIMIT,
        SecurityOpt: ['no-new-privileges'],
        CapDrop: DROPPED_CAPABILITIES,
        // An anonymous volume: removed with the container (`v: true`), and a commit leaves mounts out.
        Mounts: [{ Type: 'volume', Source: '', Target: '/tmp' }],
      },
    });
  }

  /** Runs the script to its end; a failed result unless it exited with 0. */
  private async runScript(container: Docker.Container): Promise<SetupScriptBuildResult | undefined> {
    let step = 'waiting to run the setup script';
    try {
      if (!(await Promise.race([this.goAhead, whenAborted(this.signal)]))) return this.stopped(step);
      step = `starting a container from ${this.request.baseImage}`;
      await container.start();
      step = 'running the setup script';
      this.log('Running the setup script');
      const execution = await startContainerExec(this.docker, container.id, { script: RUN_SCRIPT, args: [this.request.setupScript] });
      const output = new ScriptOutput(this.log);
      const finished = Promise.all([execution.exited, output.follow(execution.stdout), output.follow(execution.stderr)]);
      const outcome = await Promise.race([finished, whenAborted(this.signal)]);
      if (!outcome) {
        // Removing the container kills the script with all it started, and ends its output.
        output.close();
        return this.stopped(step);
      }
      const [{ exitCode }] = outcome;
      if (exitCode === 0) {
        this.log('The setup script succeeded');
        return undefined;
      }
      const lastLines = output.lastLines();
      return failed(
        'setup_script_failed',
        `the setup script failed with exit code ${exitCode}${lastLines ? `; its last lines of output:\n${lastLines}` : ' and no output'}`,
      );
    } catch (error) {
      if (this.signal.aborted) return this.stopped(step);
      return failed('setup_script_failed', `${step} failed: ${engineMessage(error)}`);
    }
  }

  /**
   * A commit keeps the container's config, whose entrypoint is the keep-alive loop. Change
   * instructions cannot clear an entrypoint, so the whole config goes in the request body with the
   * base's entrypoint and command; dockerode then takes the query from `_query`.
   */
  private async commit(container: Docker.Container, base: Docker.ImageInspectInfo): Promise<SetupScriptBuildResult> {
    const { targetRef } = this.request;
    if (this.signal.aborted) return this.stopped(`committing ${targetRef}`);
    this.log(`Committing ${targetRef}`);
    const { Config } = await container.inspect();
    const { repo, tag } = splitReference(targetRef);
    await container.commit({
      _query: { container: container.id, repo, tag },
      _body: { ...Config, Entrypoint: base.Config.Entrypoint ?? [], Cmd: base.Config.Cmd ?? [] },
    });
    // The commit itself cannot be stopped half-way; a build stopped meanwhile must not leave its image.
    if (this.signal.aborted) {
      await this.images.remove(targetRef);
      return this.stopped(`committing ${targetRef}`);
    }
    const image = await this.images.inspect(targetRef);
    this.log(`Image ${targetRef} (${image.id}): ${image.sizeBytes} bytes`);
    return { kind: 'succeeded', imageRef: targetRef, image };
  }

  private stopped(step: string): SetupScriptBuildResult {
    const why = this.deadline.aborted ? `timed out after ${this.request.timeoutSeconds} s` : 'was stopped';
    return failed('setup_script_timeout', `the build ${why} while ${step}`);
  }
}

/** The script's output as lines to the log, keeping the last few for a failure message. */
class ScriptOutput {
  private readonly tail: string[] = [];
  private open = true;

  constructor(private readonly log: (line: string) => void) {}

  /** Resolves once `stream` ended, after its last line went to the log. */
  follow(stream: Readable): Promise<void> {
    const decoder = new StringDecoder('utf8');
    let partial = '';
    return new Promise((resolve) => {
      stream.on('data', (chunk: Buffer) => (partial = this.split(partial + decoder.write(chunk))));
      stream.on('end', () => {
        const rest = partial + decoder.end();
        if (rest) this.line(rest);
        resolve();
      });
    });
  }

  /** Output after this is dropped: the build has already given its result. */
  close(): void {
    this.open = false;
  }

  /** The last lines, cut at the start to at most TAIL_MAX_BYTES. */
  lastLines(): string {
    const text = Buffer.from(this.tail.join('\n'));
    if (text.length <= TAIL_MAX_BYTES) return text.toString();
    let start = text.length - TAIL_MAX_BYTES;
    // Not in the middle of a UTF-8 character: skip its continuation bytes.
    while (start < text.length && ((text[start] ?? 0) & 0xc0) === 0x80) start++;
    return `…${text.subarray(start).toString()}`;
  }

  /** Sends the complete lines of `text` and returns the rest. */
  private split(text: string): string {
    const lines = text.split('\n');
    let rest = lines.pop() ?? '';
    for (const line of lines) this.line(line);
    while (rest.length > MAX_LINE_CHARS) {
      this.line(rest.slice(0, MAX_LINE_CHARS));
      rest = rest.slice(MAX_LINE_CHARS);
    }
    return rest;
  }

  private line(text: string): void {
    if (!this.open) return;
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    this.log(line);
    this.tail.push(line);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
  }
}

function failed(errorCode: SetupScriptBuildErrorCode, errorMessage: string): SetupScriptBuildResult {
  return { kind: 'failed', errorCode, errorMessage };
}

/** Resolves (with undefined) once `signal` is aborted. */
function whenAborted(signal: AbortSignal): Promise<undefined> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(undefined);
    else signal.addEventListener('abort', () => resolve(undefined), { once: true });
  });
}
