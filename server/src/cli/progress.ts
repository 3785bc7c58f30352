// `nianbao check`'s progress bar: one line on stderr, redrawn in place (carriage return),
// with the files done of all, the rate, and a bar. Only when stderr is a terminal (a log
// or a pipe gets no progress lines) and not turned off with --no-progress; the line is
// cleared before anything else is written, so that messages and output stay as without it.

/** Where the bar is drawn: a terminal's stream (stderr) and its width. */
export interface ProgressSink {
  write(s: string): void;
  isTTY: boolean;
  columns?: number;
}

export interface Progress {
  /** One more file done of the step. */
  tick(): void;
  /** A new step (`label`) of `total` files. */
  step(label: string, total: number): void;
  /** Clears the line (before the run writes its messages and output). */
  done(): void;
}

const NONE: Progress = { tick() {}, step() {}, done() {} };

/** Redraws at most this often (ms), and always on the last file of a step. */
const EVERY_MS = 100;

export function createProgress(sink: ProgressSink | undefined, enabled: boolean, now: () => number = () => performance.now()): Progress {
  if (!enabled || !sink?.isTTY) return NONE;
  let label = '';
  let total = 0;
  let count = 0;
  let started = now();
  let drawn = -Infinity;
  let shown = false;
  const draw = () => {
    const elapsed = (now() - started) / 1000;
    const rate = elapsed > 0 ? count / elapsed : 0;
    const text = `${label} ${count}/${total} · ${rate >= 100 ? Math.round(rate) : rate.toFixed(1)}/s`;
    const width = Math.max(10, Math.min(40, (sink.columns ?? 80) - text.length - 4));
    const full = total > 0 ? Math.round((count / total) * width) : 0;
    sink.write(`\r[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${text}\x1b[K`);
    shown = true;
    drawn = now();
  };
  return {
    step(l, t) {
      label = l;
      total = t;
      count = 0;
      started = now();
      if (t > 0) draw();
    },
    tick() {
      count++;
      if (count === total || now() - drawn >= EVERY_MS) draw();
    },
    done() {
      if (shown) sink.write('\r\x1b[K');
      shown = false;
    },
  };
}
