/**
 * Re-cuts text chunks at line ends, each line keeping its `\n`: chunks arrive cut wherever the
 * network cut them, and a spinner can only be redrawn between whole lines. What is left after
 * the last line end comes last, as it is.
 */
export async function* textLines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let pending = '';
  for await (const chunk of chunks) {
    pending += chunk;
    let end: number;
    while ((end = pending.indexOf('\n')) >= 0) {
      yield pending.slice(0, end + 1);
      pending = pending.slice(end + 1);
    }
  }
  if (pending) yield pending;
}
