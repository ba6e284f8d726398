import { commentFrame, notificationFrame } from './sse-frame.js';

describe('Server-Sent Events frames', () => {
  it('writes id, event and one JSON data line, ended by a blank line', () => {
    const frame = notificationFrame({
      id: '7:0',
      type: 'SandboxReady',
      resource: 'sandbox',
      workspaceId: 'w-1',
      recordedAt: '2026-11-25T10:00:00.000Z',
      data: { sandboxId: 'b-1', note: 'two\n\nlines' },
    });

    expect(frame).toBe(
      'id: 7:0\nevent: SandboxReady\n' +
        'data: {"id":"7:0","type":"SandboxReady","resource":"sandbox","workspace_id":"w-1","recorded_at":"2026-11-25T10:00:00.000Z",' +
        '"data":{"sandboxId":"b-1","note":"two\\n\\nlines"}}\n\n',
    );
  });

  it('keeps a comment on one line', () => {
    expect(commentFrame('keep\nalive')).toBe(': keep alive\n\n');
  });
});
