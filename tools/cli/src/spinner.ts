const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 80;
const CLEAR_LINE = '\r\x1b[2K';
const DEFAULT_COLUMNS = 80;

/**
 * A one-line progress indicator on a terminal. On anything else (a pipe, a CI log) it draws nothing,
 * so captured output holds no control characters.
 */
export class Spinner {
  private label: () => string = () => '';
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  /** `label` is asked for the text on every frame, so that it can count time. */
  start(label: () => string): void {
    this.label = label;
    if (!this.stream.isTTY || this.timer) return;
    this.timer = setInterval(() => this.draw(), FRAME_MS);
    this.draw();
  }

  /** Runs `write` with the spinner's line cleared, so what it writes does not mix with the spinner. */
  around(write: () => void): void {
    if (this.timer) this.stream.write(CLEAR_LINE);
    write();
    if (this.timer) this.draw();
  }

  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.stream.write(CLEAR_LINE);
  }

  private draw(): void {
    this.frame = (this.frame + 1) % FRAMES.length;
    // Cut to the terminal's width (0 when it is not known): a wrapped line could not be cleared with one carriage return.
    const width = this.stream.columns > 0 ? this.stream.columns : DEFAULT_COLUMNS;
    const line = `${FRAMES[this.frame]} ${this.label()}`.slice(0, width - 1);
    this.stream.write(`${CLEAR_LINE}${line}`);
  }
}
