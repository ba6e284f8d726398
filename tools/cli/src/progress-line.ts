const CLEAR_LINE = '\r\x1b[2K';
const TERMINAL_REDRAW_MS = 100;
/** Off a terminal each report is a line of its own: a few are enough to show a long run moves. */
const LOG_LINE_MS = 2_000;

/**
 * The progress of a long run on stderr: one line redrawn in place on a terminal, a line every few
 * seconds anywhere else (a pipe, a CI log), then the final summary.
 */
export class ProgressLine {
  private last = 0;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  /** `text` is asked for only when it is shown. */
  update(text: () => string): void {
    const now = Date.now();
    if (now - this.last < (this.stream.isTTY ? TERMINAL_REDRAW_MS : LOG_LINE_MS)) return;
    this.last = now;
    if (this.stream.isTTY) {
      this.stream.write(`${CLEAR_LINE}${text()}`);
      this.drawn = true;
    } else {
      this.stream.write(`${text()}\n`);
    }
  }

  done(summary: string): void {
    this.stream.write(`${this.drawn ? CLEAR_LINE : ''}${summary}\n`);
  }
}
