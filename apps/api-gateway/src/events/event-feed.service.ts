import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type GlobalPosition } from '@snapforge/event-store';
import { toLifecycleNotification, type LifecycleNotification } from './lifecycle-notification.js';

/** An open feed: where it starts, then the workspace's notifications until closed. */
export interface WorkspaceFeed extends AsyncIterable<LifecycleNotification> {
  close(): Promise<void>;
}

/**
 * A workspace's lifecycle events, read from the event store itself rather than from a live-only
 * channel: resuming after a position is then exact (nothing missed, nothing twice), however long the
 * client was away.
 */
@Injectable()
export class EventFeedService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** From just after `after`, or, without it, from now on. Resolves once the feed's start is fixed. */
  async open(workspaceId: string, after: GlobalPosition | undefined): Promise<WorkspaceFeed> {
    const start = after ?? (await this.store.headPosition());
    const subscription = this.store.subscribeToAll(start ? { after: start } : {});
    return {
      close: () => subscription.close(),
      async *[Symbol.asyncIterator]() {
        for await (const event of subscription) {
          const notification = toLifecycleNotification(event);
          if (notification?.workspaceId === workspaceId) yield notification;
        }
      },
    };
  }
}
