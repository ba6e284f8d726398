import { eventKeyFields } from './event-key-fields.js';

describe('eventKeyFields', () => {
  it('shows the ids and state-like scalars of the data, nested ones too, and nothing else', () => {
    const data = {
      sandboxId: 'box-1',
      workspaceId: 'ws-1',
      version: 3,
      rename: { from: 'old', to: 'new' },
      idleTtlSeconds: 60,
      runConfig: { user: 'root' },
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    expect(eventKeyFields(data)).toBe('sandboxId=box-1 workspaceId=ws-1 version=3 rename.to=new');
  });

  it('cuts long values short', () => {
    expect(eventKeyFields({ snapshotId: '0123456789abcdef0123456789abcdef' })).toBe('snapshotId=0123456789abcdef0123456…');
  });

  it('shows nothing for data that is no object', () => {
    expect(eventKeyFields('text')).toBe('');
    expect(eventKeyFields([{ id: 'x' }])).toBe('');
  });
});
