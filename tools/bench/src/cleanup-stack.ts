type Cleanup = () => Promise<unknown> | unknown;

/**
 * What a bench run must undo, undone newest first. The testing library's own exit hook cannot await,
 * so an interrupted bench runs this stack before it exits, and leaves nothing behind either way.
 */
export class CleanupStack {
  private readonly pending: Cleanup[] = [];
  private running: Promise<void> | undefined;

  /** Registers a cleanup; the returned function runs it early (once) and takes it off the stack. */
  add(cleanup: Cleanup): () => Promise<void> {
    this.pending.push(cleanup);
    return async () => {
      const at = this.pending.indexOf(cleanup);
      if (at < 0) return;
      this.pending.splice(at, 1);
      await cleanup();
    };
  }

  /**
   * Runs every cleanup, newest first, all of them even when some fail. A second call while one runs
   * (an interrupt during the normal end) waits for the same run: nobody exits half-way through it.
   */
  runAll(): Promise<void> {
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    const failures: unknown[] = [];
    for (let cleanup = this.pending.pop(); cleanup; cleanup = this.pending.pop()) {
      try {
        await cleanup();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length) throw new AggregateError(failures, `${failures.length} cleanup(s) failed`);
  }
}
