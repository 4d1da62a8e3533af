import type { ImportItem, ImportStats } from './types.js';

/** The running counts behind `ImportSource.stats()`; parsers add to it as they go. */
export class Tally {
  records = 0;
  events = 0;
  rejected = 0;
  private readonly skips = new Map<string, number>();
  private readonly adjusts = new Map<string, number>();
  private readonly noteSet = new Set<string>();

  /** Counts a record left out on purpose. */
  skip(reason: string, count = 1): void {
    this.skips.set(reason, (this.skips.get(reason) ?? 0) + count);
  }

  /** Counts a record mapped with a correction (a date out of order, ...). */
  adjust(reason: string): void {
    this.adjusts.set(reason, (this.adjusts.get(reason) ?? 0) + 1);
  }

  /** Adds a line to the summary, once. */
  note(text: string): void {
    this.noteSet.add(text);
  }

  /** Counts an item on its way out, and passes it on. */
  count<T extends ImportItem>(item: T): T {
    if ('event' in item) this.events++;
    else this.rejected++;
    return item;
  }

  /** A snapshot of the counts. */
  snapshot(): ImportStats {
    return {
      records: this.records,
      events: this.events,
      rejected: this.rejected,
      skipped: Object.fromEntries(this.skips),
      adjusted: Object.fromEntries(this.adjusts),
      notes: [...this.noteSet],
    };
  }
}
