// The Docker steps of test.sh, from the same modules that the harness and start.ts use:
//   up          ensure the engine and the base image; prints the pid of a dockerd it started
//   down PID    stop that dockerd
//   sweep       remove every container and image labelled as made by a test
import { join } from 'node:path';
import Docker from 'dockerode';
import { BASE_IMAGE, ensureBaseImage, ensureDockerEngine } from '@snapforge/docker';
import { sweepTestResources } from '@snapforge/testing';
import { stopProcess } from './process-control.js';
import { dataDir } from './runner-paths.js';

const [command, argument] = process.argv.slice(2);

async function run(): Promise<void> {
  switch (command) {
    case 'up': {
      const engine = await ensureDockerEngine({ logFile: join(dataDir, 'dockerd.log') });
      if (engine.started) {
        console.error(`started dockerd (pid ${engine.pid}, log ${engine.logFile})`);
        // Before anything else can fail: the caller must learn what to stop.
        console.log(engine.pid);
      } else {
        console.error('using the Docker Engine that is already running');
      }
      const base = await ensureBaseImage(new Docker());
      console.error(`${base.created ? 'made' : 'found'} base image ${BASE_IMAGE}`);
      return;
    }
    case 'down':
      await stopProcess(Number(argument));
      return;
    case 'sweep': {
      const swept = await sweepTestResources(new Docker());
      if (swept.containers || swept.images) console.error(`removed ${swept.containers} container(s) and ${swept.images} image(s) that tests left behind`);
      return;
    }
    default:
      throw new Error('usage: docker-setup up | down PID | sweep');
  }
}

run().catch((error: unknown) => {
  console.error(`docker-setup ${command ?? ''}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
