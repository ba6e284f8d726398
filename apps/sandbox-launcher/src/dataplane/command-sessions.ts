import type { CommandSession } from './command-session.js';

/**
 * The WebSocket commands of all sandboxes on this host, by sandbox and command id: running ones,
 * and finished ones until their time to live is over.
 */
export class CommandSessions {
  private readonly sessions = new Map<string, Promise<CommandSession>>();
  private readonly expiries = new Set<NodeJS.Timeout>();

  /** The command, running or finished, if it is still known. */
  async find(sandboxId: string, commandId: string): Promise<CommandSession | undefined> {
    return this.sessions.get(key(sandboxId, commandId))?.catch(() => undefined);
  }

  /**
   * The command with this id, started by `start` unless it exists: an execute that is retried with
   * the same id (its first attempt lost on the way) attaches to the command the first one started.
   */
  getOrStart(sandboxId: string, commandId: string, start: () => Promise<CommandSession>): Promise<CommandSession> {
    const id = key(sandboxId, commandId);
    const known = this.sessions.get(id);
    if (known) return known;
    const starting = start();
    this.sessions.set(id, starting);
    starting.then(
      (session) => session.ended.then(() => this.expire(id, session.lifecycle.ttlMs)),
      () => this.sessions.delete(id),
    );
    return starting;
  }

  /** Kills the commands still running and forgets them all: nobody can reach them past this server. */
  async close(): Promise<void> {
    for (const timer of this.expiries) clearTimeout(timer);
    this.expiries.clear();
    const sessions = await Promise.all([...this.sessions.values()].map((session) => session.catch(() => undefined)));
    this.sessions.clear();
    await Promise.all(sessions.map((session) => (session && !session.exitStatus ? session.kill().catch(() => undefined) : undefined)));
  }

  private expire(id: string, ttlMs: number): void {
    const timer = setTimeout(() => {
      this.expiries.delete(timer);
      this.sessions.delete(id);
    }, ttlMs);
    timer.unref();
    this.expiries.add(timer);
  }
}

function key(sandboxId: string, commandId: string): string {
  return `${sandboxId}/${commandId}`;
}
