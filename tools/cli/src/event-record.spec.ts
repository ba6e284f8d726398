import { parseEventRecord, toEventRecord } from './event-record.js';

describe('event records', () => {
  const recorded = {
    id: '0b8f8a52-7d35-4b3c-a7a5-0d8f8c1f2e01',
    type: 'SnapshotBuilt',
    data: { snapshotId: 's-1' },
    metadata: { schemaVersion: 1 },
    streamName: 'snapshot-s-1',
    revision: 2,
    position: { commit: 41, prepare: 0 },
    recordedAt: new Date('2026-11-25T14:00:00.000Z'),
  };

  it('writes an event as plain JSON and reads back what an import needs', () => {
    const line = JSON.stringify(toEventRecord(recorded));
    expect(JSON.parse(line)).toEqual({ ...recorded, position: '41:0', recordedAt: '2026-11-25T14:00:00.000Z' });
    expect(parseEventRecord(line)).toEqual({
      streamName: 'snapshot-s-1',
      revision: 2,
      event: { id: recorded.id, type: 'SnapshotBuilt', data: { snapshotId: 's-1' }, metadata: { schemaVersion: 1 } },
      position: { commit: 41, prepare: 0 },
    });
  });

  it('leaves metadata out when the event has none, both ways', () => {
    const { metadata: _metadata, ...bare } = recorded;
    const line = JSON.stringify(toEventRecord(bare));
    expect(JSON.parse(line)).not.toHaveProperty('metadata');
    expect(parseEventRecord(line).event).not.toHaveProperty('metadata');
  });

  it.each([
    ['[1]', 'not a JSON object'],
    ['{"streamName"', 'not JSON'],
    ['{"revision":0,"data":{}}', 'streamName must be a non-empty string'],
    ['{"streamName":"s","revision":1.5,"data":{}}', 'revision must be a whole number'],
    ['{"streamName":"s","revision":0}', 'data is missing'],
    ['{"streamName":"s","revision":0,"data":{},"metadata":[]}', 'metadata must be a JSON object'],
    ['{"streamName":"s","revision":0,"data":{},"id":"i","type":"T","position":"41"}', 'not a global position'],
  ])('refuses %s: %s', (line, message) => {
    expect(() => parseEventRecord(line)).toThrow(message);
  });
});
