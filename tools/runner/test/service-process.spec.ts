import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '@snapforge/testing';
import { startService } from '../service-process.js';

describe('startService', () => {
  it('prefixes every output line with the name and stops the process with SIGTERM', async () => {
    const dir = await tempDir('service');
    const script = join(dir.path, 'main.js');
    await writeFile(
      script,
      "console.log('one\\ntwo'); console.log(process.env.MARK); process.on('SIGTERM', () => { console.log('bye'); process.exit(0); }); setInterval(() => {}, 1000);",
    );
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => written.push(chunk) > 0) as typeof process.stdout.write;
    try {
      const service = startService('demo', script, { ...process.env, MARK: 'env-ok' }, { nameWidth: 6, colour: false, index: 0 });
      await once(service.child.stdout ?? service.child, 'data');
      await new Promise((resolve) => setTimeout(resolve, 200));
      await service.stop();
      await expect(service.exited).resolves.toBe('exited with code 0');
    } finally {
      process.stdout.write = write;
      await dir.remove();
    }
    expect(written.join('')).toBe('demo   │ one\ndemo   │ two\ndemo   │ env-ok\ndemo   │ bye\n');
  });
});
