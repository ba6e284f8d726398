import { textLines } from './text-lines.js';

async function* arriving(chunks: string[]): AsyncGenerator<string> {
  yield* chunks;
}

async function collect(chunks: string[]): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of textLines(arriving(chunks))) lines.push(line);
  return lines;
}

describe('textLines', () => {
  it('re-cuts chunks at line ends, keeping them', async () => {
    expect(await collect(['Pull', 'ing a\nUsing b\nSnap', 'shot ready\n'])).toEqual(['Pulling a\n', 'Using b\n', 'Snapshot ready\n']);
  });

  it('yields a last line without an end as it is, and nothing for no text', async () => {
    expect(await collect(['a\n\nb'])).toEqual(['a\n', '\n', 'b']);
    expect(await collect([])).toEqual([]);
  });
});
