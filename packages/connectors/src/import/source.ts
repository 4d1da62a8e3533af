import { ConnectorError } from '../errors.js';
import { serviceNowItems } from '../servicenow/import.js';
import { zendeskItems } from '../zendesk/export.js';
import type { ZendeskOptions } from '../zendesk/values.js';
import { openTextFile, textLines } from './file.js';
import { ndjsonItems } from './ndjson.js';
import { Tally } from './tally.js';
import { IMPORT_FORMATS, type ImportFormat, type ImportItem, type ImportSource } from './types.js';

/** Per-format options of an import. */
export interface ImportOptions {
  /** `servicenow-csv`: the zone the log's wall-clock dates are in (default UTC). */
  readonly timezone?: string;
  /** `zendesk-json`: how Zendesk ids become teams, agents and links. */
  readonly zendesk?: ZendeskOptions;
}

/** Whether a `--format` value names an import format. */
export function isImportFormat(value: string): value is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * Opens a file (`.gz` decompressed on the fly) for import in one of the formats. The file
 * is read as it is iterated, never whole, so memory stays flat however large it is.
 * @throws ConnectorError `file_invalid` when the file cannot be opened; a file that turns
 *   out unreadable later (a CSV header lacking columns) throws while being iterated
 */
export function openImport(
  path: string,
  format: ImportFormat,
  options: ImportOptions = {},
): ImportSource {
  if (!isImportFormat(format))
    throw new ConnectorError('options_invalid', 'import', `"${String(format)}" is not a format`);
  const file = openTextFile(path);
  const tally = new Tally();
  const items = (): AsyncGenerator<ImportItem> => {
    switch (format) {
      case 'ndjson':
        return ndjsonItems(textLines(file.chunks), tally);
      case 'zendesk-json':
        return zendeskItems(textLines(file.chunks), options.zendesk ?? {}, tally);
      case 'servicenow-csv':
        return serviceNowItems(
          file.chunks,
          options.timezone ? { timezone: options.timezone } : {},
          tally,
        );
    }
  };
  return {
    format,
    [Symbol.asyncIterator]: items,
    progress: file.progress,
    stats: () => tally.snapshot(),
  };
}
