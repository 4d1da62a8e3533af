import { checkEvent } from '@breachless/core';
import { CsvReader, type CsvRecord } from '../csv/records.js';
import type { Tally } from '../import/tally.js';
import type { ImportItem } from '../import/types.js';
import { dayFirstDates } from './dates.js';
import { mapIncident } from './map-incident.js';
import { type Columns, type IncidentRow, keptColumns, readHeader, readRow } from './row.js';

/** How to read a ServiceNow incident event log. */
interface ServiceNowOptions {
  /**
   * The IANA zone the log's zone-less dates are wall-clock times in; default `UTC`. The
   * summary says which zone was used.
   */
  readonly timezone?: string;
}

/**
 * Maps a ServiceNow incident event log (CSV, as in `data/incident_event_log.csv.gz`) to
 * ticket events, streaming: the rows of one incident are held until the next incident
 * starts (the log keeps an incident's rows together), never the file. Rows that cannot be
 * read come through as problems; junk rows and rows that change nothing are counted in
 * the tally's `skipped`.
 * @throws ConnectorError `file_invalid` when the header lacks a column the mapping reads,
 *   `options_invalid` for an unknown time zone
 */
export async function* serviceNowItems(
  chunks: AsyncIterable<string>,
  options: ServiceNowOptions,
  tally: Tally,
): AsyncGenerator<ImportItem> {
  const timezone = options.timezone ?? 'UTC';
  const readDate = dayFirstDates(timezone);
  tally.note(`ServiceNow dates were read as wall-clock times in ${timezone}`);
  let columns: Columns | undefined;
  let incident: IncidentRow[] = [];
  let previous = '';
  const reader = new CsvReader();
  for await (const records of csvBatches(chunks, reader)) {
    for (const record of records) {
      if (columns === undefined) {
        columns = readHeader(record.fields);
        // The text of the columns the mapping does not read is never copied.
        reader.keep = keptColumns(columns);
        continue;
      }
      if (record.fields.length === 1 && record.fields[0] === '') continue;
      tally.records++;
      const row = readRow(record, columns, readDate);
      if ('problems' in row) {
        yield tally.count({ line: record.line, problems: row.problems });
        continue;
      }
      if ('skip' in row) {
        tally.skip(row.skip);
        continue;
      }
      if (incident.length > 0 && incident[0]?.number !== row.number) {
        yield* validatedItems(mapIncident(incident, tally), tally);
        incident = [];
        // Numbers ascend in ServiceNow's exports; one going back means an incident's rows
        // may be split, and its later run would be replayed as if it were new.
        if (row.number < previous) tally.adjust('incident numbers out of order');
      }
      previous = row.number;
      incident.push(row);
    }
  }
  yield* validatedItems(mapIncident(incident, tally), tally);
}

// A chunk's records at once: a step of an async generator per record cost more than its parsing.
async function* csvBatches(
  chunks: AsyncIterable<string>,
  reader: CsvReader,
): AsyncGenerator<CsvRecord[]> {
  for await (const chunk of chunks) yield reader.push(chunk);
  yield reader.end();
}

function* validatedItems(
  mapped: ReturnType<typeof mapIncident>,
  tally: Tally,
): Generator<ImportItem> {
  for (const { line, event } of mapped) {
    const checked = checkEvent(event);
    yield tally.count('event' in checked ? { line, event: checked.event } : { line, ...checked });
  }
}
