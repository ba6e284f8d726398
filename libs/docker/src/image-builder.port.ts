/** Credentials for one registry, in the shape the Docker Engine takes them. */
export interface RegistryAuth {
  serveraddress: string;
  username?: string;
  password?: string;
}

/** What a snapshot needs to know of an image. */
export interface ImageSummary {
  /** Content-addressed image id (`sha256:...`). */
  id: string;
  sizeBytes: number;
  user?: string;
  workingDir?: string;
  env: Record<string, string>;
  labels: Record<string, string>;
}

export interface PullOptions {
  auth?: RegistryAuth;
  signal?: AbortSignal;
  /** Human-readable progress, a line at a time (rate-limited per layer). */
  onProgress?: (line: string) => void;
  /** The image is relabelled next: what that needs from the registry is read during the pull. */
  relabelNext?: boolean;
}

/** The image side of a build, behind a port so that services depend on this and not on dockerode. */
export interface ImageBuilder {
  hasImage(ref: string): Promise<boolean>;
  pull(ref: string, options?: PullOptions): Promise<void>;
  inspect(ref: string): Promise<ImageSummary>;
  /** A new image with the source's filesystem and config plus `labels`, tagged `target`. */
  relabel(source: string, target: string, labels: Record<string, string>): Promise<ImageSummary>;
  /** Pushes `ref` (tagged with the registry's host) and returns its pull-by-digest reference. */
  push(ref: string, auth?: RegistryAuth): Promise<string>;
  remove(ref: string): Promise<void>;
}

export const IMAGE_BUILDER = Symbol('IMAGE_BUILDER');
