/** One CSV record: its fields, and the line it starts on (1-based). */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
  /** Set when the file ended inside a quoted field; the fields are what was read. */
  readonly error?: string;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Parses CSV (RFC 4180) from a stream of text chunks: fields separated by commas, records
 * by LF or CRLF, fields in double quotes may hold commas, line breaks and `""` for a quote.
 * Chunks may split anywhere, even inside a quoted field or a `""`. Outside quotes, CR is
 * dropped; a byte order mark at the start is dropped. Lenient where RFC 4180 says nothing:
 * text after a closing quote is kept as part of the field.
 */
export async function* csvRecords(chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let quotePending = false; // inside quotes, a `"` was just read: an escape or the closing one
  let fieldStart = true;
  let line = 1;
  let recordLine = 1;
  let first = true;
  for await (const text of chunks) {
    let chunk = text;
    if (first) {
      first = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    let start = 0; // the pending, not yet copied, part of `field` in this chunk begins here
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (inQuotes) {
        if (quotePending) {
          quotePending = false;
          if (c === QUOTE) {
            field += '"';
            start = i + 1;
            continue;
          }
          inQuotes = false;
          start = i;
          // c is outside the quotes now: handled below.
        } else {
          if (c === QUOTE) {
            field += chunk.slice(start, i);
            quotePending = true;
          } else if (c === LF) line++;
          continue;
        }
      }
      if (c === COMMA) {
        fields.push(field + chunk.slice(start, i));
        field = '';
        start = i + 1;
        fieldStart = true;
      } else if (c === LF) {
        fields.push(field + chunk.slice(start, i));
        yield { line: recordLine, fields };
        fields = [];
        field = '';
        start = i + 1;
        fieldStart = true;
        line++;
        recordLine = line;
      } else if (c === CR) {
        field += chunk.slice(start, i);
        start = i + 1;
      } else if (c === QUOTE && fieldStart) {
        inQuotes = true;
        fieldStart = false;
        start = i + 1;
      } else fieldStart = false;
    }
    if (!quotePending) field += chunk.slice(start);
  }
  if (quotePending) inQuotes = false;
  if (fields.length > 0 || field !== '' || inQuotes) {
    fields.push(field);
    yield inQuotes
      ? { line: recordLine, fields, error: 'the file ends inside a quoted field' }
      : { line: recordLine, fields };
  }
}
