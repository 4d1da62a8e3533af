import type { Problem, TicketEvent } from '@breachless/core';

/** The import formats (`breachless import --format`). */
export const IMPORT_FORMATS = ['ndjson', 'zendesk-json', 'servicenow-csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * One item of an import: an event, or a record that could not be mapped and why, so the
 * importer can report it and go on. `line` is where the record starts in the file
 * (1-based), for the report.
 */
export type ImportItem =
  | { readonly line: number; readonly event: TicketEvent }
  | { readonly line: number; readonly problems: readonly Problem[] };

/** How far the import has read, for a progress bar. */
export interface ImportProgress {
  /** Bytes read from the file so far (compressed bytes for a `.gz` file). */
  readonly bytesRead: number;
  /** The file's size on disk; `undefined` when reading from a stream of unknown length. */
  readonly totalBytes: number | undefined;
}

/** What an import read and left out, for its summary. */
export interface ImportStats {
  /** Records read: data rows, tickets or lines. */
  readonly records: number;
  /** Events mapped (before the database sorts out duplicates). */
  readonly events: number;
  /** Records refused with problems (each also came through as an item). */
  readonly rejected: number;
  /** Records left out on purpose, by reason: `{"no change": 74961, ...}`. */
  readonly skipped: Readonly<Record<string, number>>;
  /** Records mapped with a correction, by what was corrected. */
  readonly adjusted: Readonly<Record<string, number>>;
  /** Things the summary should say (the time zone dates were read in, ...). */
  readonly notes: readonly string[];
}

/**
 * A file being imported: iterate it once for its items; `progress()` and `stats()` may be
 * read at any time, and are complete when the iteration ends.
 */
export interface ImportSource extends AsyncIterable<ImportItem> {
  readonly format: ImportFormat;
  progress(): ImportProgress;
  stats(): ImportStats;
}
