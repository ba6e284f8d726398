import { CommandOutputLog, type OutputCursor } from './command-output-log.js';

const start = (stdout = 0, stderr = 0): OutputCursor => ({ seq: 0, stdout, stderr });

describe('CommandOutputLog', () => {
  it('replays stdout and stderr in the order they came, with byte offsets per stream', () => {
    const log = new CommandOutputLog(1024);
    log.append('stdout', 'a');
    log.append('stderr', 'é!');
    log.append('stdout', 'bc');
    expect(log.read(start(), 1024)).toEqual([
      { stream: 'stdout', offset: 0, data: 'a' },
      { stream: 'stderr', offset: 0, data: 'é!' },
      { stream: 'stdout', offset: 1, data: 'bc' },
    ]);
  });

  it('resumes a reader from the offsets it has, trimming chunks it has part of', () => {
    const log = new CommandOutputLog(1024);
    log.append('stdout', 'hello ');
    log.append('stderr', 'warning');
    log.append('stdout', 'wörld');
    expect(log.read(start(9, 7), 1024)).toEqual([{ stream: 'stdout', offset: 9, data: 'rld' }]);
    const cursor = start(3, 0);
    expect(log.read(cursor, 1024).map(({ data }) => data)).toEqual(['lo ', 'warning', 'wörld']);
    expect(cursor).toEqual({ seq: 3, stdout: 12, stderr: 7 });
    log.append('stdout', '!');
    expect(log.read(cursor, 1024)).toEqual([{ stream: 'stdout', offset: 12, data: '!' }]);
    expect(log.read(cursor, 1024)).toEqual([]);
  });

  it('drops the oldest output past its capacity, and reads in batches of about the size asked', () => {
    const log = new CommandOutputLog(10);
    for (const data of ['0123', '4567', '89ab', 'cdef']) log.append('stdout', data);
    expect(log.read(start(), 1024)).toEqual([
      { stream: 'stdout', offset: 8, data: '89ab' },
      { stream: 'stdout', offset: 12, data: 'cdef' },
    ]);
    const cursor = start();
    expect(log.read(cursor, 1)).toHaveLength(1);
    expect(log.read(cursor, 1)).toEqual([{ stream: 'stdout', offset: 12, data: 'cdef' }]);
  });
});
