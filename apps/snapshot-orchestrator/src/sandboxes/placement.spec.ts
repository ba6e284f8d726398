import type { LauncherRegistration } from '@snapforge/contracts';
import { placeSandbox } from './placement.js';

const launcher = (hostId: string, sandboxes: number, images: string[] = [], capacity = 10): LauncherRegistration => ({
  hostId,
  capacity,
  sandboxes,
  images,
  dataplaneUrl: `http://${hostId}`,
  updatedAt: '2026-11-25T00:00:00.000Z',
});

describe('placeSandbox', () => {
  it('prefers a host that already holds the image, even when it is busier', () => {
    expect(placeSandbox([launcher('a', 1), launcher('b', 5, ['sha256:x'])], 'sha256:x')?.hostId).toBe('b');
  });

  it('otherwise takes the least loaded host', () => {
    expect(placeSandbox([launcher('a', 4), launcher('b', 2)], 'sha256:x')?.hostId).toBe('b');
  });

  it('skips full hosts, and finds none when all are full', () => {
    expect(placeSandbox([launcher('a', 10, ['sha256:x']), launcher('b', 9)], 'sha256:x')?.hostId).toBe('b');
    expect(placeSandbox([launcher('a', 10)], 'sha256:x')).toBeUndefined();
    expect(placeSandbox([], 'sha256:x')).toBeUndefined();
  });

  it('breaks ties by host id', () => {
    expect(placeSandbox([launcher('b', 1), launcher('a', 1)], 'sha256:x')?.hostId).toBe('a');
  });
});
