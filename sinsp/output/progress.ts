// -P: reading progress on stderr, as a percentage redrawn in place ("\r12.34"). Like
// sysdig, it looks at the position only every 10000 events and redraws only when the
// figure moved by more than 0.1.
import { writeSync } from 'node:fs';
import type { Event } from '../event/event.js';

export interface ProgressSource {
  /** percent of the input consumed, 0..100 */
  progressPercent(): number;
}

export class ProgressBar {
  private last = 0;
  private shown = '';

  constructor(private readonly source: ProgressSource) {}

  tick(ev: Event): void {
    if (ev.num % 10000 === 0) this.update();
  }

  private update(): void {
    const pct = this.source.progressPercent();
    if (pct - this.last <= 0.1) return;
    const text = pct.toFixed(2);
    this.draw(text);
    this.last = pct;
  }

  private draw(text: string): void {
    const blank = ' '.repeat(this.shown.length);
    writeSync(2, `\r${blank}\r${text}`);
    this.shown = text;
  }

  finish(): void {
    this.update();
    writeSync(2, '\n');
  }
}
