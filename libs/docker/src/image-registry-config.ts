import type { RegistryAuth } from './image-builder.port.js';

/**
 * The registry that carries snapshot images between Docker hosts (SNAPFORGE_IMAGE_REGISTRY, e.g.
 * `127.0.0.1:5000`, with optional SNAPFORGE_IMAGE_REGISTRY_USERNAME / _PASSWORD). Unset on a single
 * host: images then stay where they were built.
 */
export interface ImageRegistryConfig {
  host: string;
  auth?: RegistryAuth;
}

export function imageRegistryFromEnv(env: NodeJS.ProcessEnv = process.env): ImageRegistryConfig | undefined {
  const host = env.SNAPFORGE_IMAGE_REGISTRY;
  if (!host) return undefined;
  const username = env.SNAPFORGE_IMAGE_REGISTRY_USERNAME;
  const password = env.SNAPFORGE_IMAGE_REGISTRY_PASSWORD;
  return { host, ...(username ? { auth: { serveraddress: host, username, ...(password ? { password } : {}) } } : {}) };
}
