import { createHash } from 'node:crypto';
import type Docker from 'dockerode';

export type ImageInfo = Docker.ImageInspectInfo & { Variant?: string };

export interface LabelledImageConfig {
  readonly config: Buffer;
  /** `sha256:<hex>` of `config`: the id the engine gives an image with this config. */
  readonly digest: string;
}

/** The source image's config with `labels` added, on the source's layers. */
export function labelledImageConfig(source: ImageInfo, labels: Record<string, string>): LabelledImageConfig {
  const config = Buffer.from(
    JSON.stringify({
      architecture: source.Architecture,
      os: source.Os,
      ...(source.Variant ? { variant: source.Variant } : {}),
      created: source.Created,
      ...(source.Author ? { author: source.Author } : {}),
      config: { ...source.Config, Labels: { ...(source.Config.Labels ?? {}), ...labels } },
      rootfs: { type: 'layers', diff_ids: source.RootFS.Layers ?? [] },
    }),
  );
  return { config, digest: `sha256:${createHash('sha256').update(config).digest('hex')}` };
}

/**
 * A `docker load` archive (the `docker save` format) holding only an image config and a manifest:
 * `labelled`, the source image's config with labels added, on the source's layers. The engine reuses layers it
 * already holds instead of reading them from the archive, so loading this makes a labelled copy of
 * the image without a container, a commit or a layer, in the time it takes to write two small files.
 */
export function configOnlyImageArchive(source: ImageInfo, target: string, { config, digest }: LabelledImageConfig): Buffer {
  const configName = `${digest.slice('sha256:'.length)}.json`;
  // The loader wants a path per layer, but opens it only for a layer it does not have yet.
  const manifest = [{ Config: configName, RepoTags: [target], Layers: (source.RootFS.Layers ?? []).map((_, index) => `${index}/layer.tar`) }];
  return Buffer.concat([tarEntry(configName, config), tarEntry('manifest.json', Buffer.from(JSON.stringify(manifest))), Buffer.alloc(1024)]);
}

/** One regular file in ustar format: a 512-byte header, then the content padded to 512 bytes. */
function tarEntry(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${content.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write(`${Math.floor(Date.now() / 1000).toString(8).padStart(11, '0')}\0`, 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  header.write(`${checksum.toString(8).padStart(6, '0')}\0 `, 148);
  return Buffer.concat([header, content, Buffer.alloc((512 - (content.length % 512)) % 512)]);
}
