import { CleanupStack } from './cleanup-stack.js';

describe('CleanupStack', () => {
  it('runs newest first, all of them when some fail, and a released one only once', async () => {
    const stack = new CleanupStack();
    const ran: string[] = [];
    stack.add(() => ran.push('first'));
    stack.add(() => {
      ran.push('failing');
      throw new Error('boom');
    });
    const release = stack.add(() => ran.push('released'));
    await release();
    stack.add(() => ran.push('last'));
    await expect(stack.runAll()).rejects.toThrow('1 cleanup(s) failed');
    expect(ran).toEqual(['released', 'last', 'failing', 'first']);
    await stack.runAll();
    expect(ran).toHaveLength(4);
  });

  it('lets a second caller wait for the run in progress', async () => {
    const stack = new CleanupStack();
    let finish: () => void = () => undefined;
    let done = false;
    stack.add(async () => {
      await new Promise<void>((resolve) => (finish = resolve));
      done = true;
    });
    const first = stack.runAll();
    const second = stack.runAll().then(() => done);
    finish();
    await first;
    expect(await second).toBe(true);
  });
});
