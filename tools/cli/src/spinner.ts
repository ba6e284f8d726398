const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 80;
const CLEAR_LINE = '\r\x1b[2K';

/**
 * A one-line progress indicator on a terminal. On anything else (a pipe, a CI log) it draws nothing,
 * so captured output holds no control characters.
 */
export class Spinner {
  private text = '';
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  private get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  start(text: string): void {
    this.text = text;
    if (!this.enabled || this.timer) return;
    this.timer = setInterval(() => this.draw(), FRAME_MS);
    this.draw();
  }

  update(text: string): void {
    this.text = text;
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
    // Cut to the terminal's width: a wrapped line could not be cleared with one carriage return.
    const line = `${FRAMES[this.frame]} ${this.text}`.slice(0, Math.max(1, (this.stream.columns ?? 80) - 1));
    this.stream.write(`${CLEAR_LINE}${line}`);
  }
}
