import type { LifecycleNotification } from './lifecycle-notification.js';

/**
 * One Server-Sent Events message. The payload is one JSON line, so it can never contain the blank
 * line that would end the message early.
 */
export function notificationFrame(notification: LifecycleNotification): string {
  const { id, type, resource, workspaceId, recordedAt, data } = notification;
  const payload = JSON.stringify({ id, type, resource, workspace_id: workspaceId, recorded_at: recordedAt, data });
  return `id: ${id}\nevent: ${type}\ndata: ${payload}\n\n`;
}

/** A comment line: clients ignore it, proxies see traffic, a reader knows the feed is open. */
export function commentFrame(text: string): string {
  return `: ${text.replace(/\n/g, ' ')}\n\n`;
}
