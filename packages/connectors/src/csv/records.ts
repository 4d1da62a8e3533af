/** One CSV record: its fields, and the line it starts on (1-based). */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
  /** Set when the file ended inside a quoted field; the fields are what was read. */
  readonly error?: string;
}

const QUOTE = 34;

/**
 * Parses CSV (RFC 4180) from text chunks pushed one at a time: fields separated by commas,
 * records by LF or CRLF, fields in double quotes may hold commas, line breaks and `""` for a
 * quote. Chunks may split anywhere, even inside a quoted field or a `""`. Outside quotes, CR
 * is dropped; a byte order mark at the start is dropped. Lenient where RFC 4180 says
 * nothing: text after a closing quote is kept as part of the field.
 *
 * Synchronous, a chunk's records at once: an async generator's step per record cost more
 * than the parsing. Text is found with `indexOf`, not character by character.
 */
export class CsvReader {
  /**
   * Which columns to read, by index: a column set to `false` is read as `''` without
   * copying its text (a reader that needs 11 columns of 36 sets it after the header).
   */
  keep: readonly boolean[] | undefined;
  private fields: string[] = [];
  private field = '';
  /** The current field has text: a field not kept has, and still reads `''`. */
  private fieldRead = false;
  private inQuotes = false;
  private quotePending = false; // inside quotes, a `"` was just read: an escape or the closing one
  private fieldStart = true;
  private line = 1;
  private recordLine = 1;
  private first = true;

  /** Reads a chunk; returns the records it completed. */
  push(text: string): CsvRecord[] {
    const records: CsvRecord[] = [];
    let chunk = text;
    if (this.first) {
      this.first = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    const n = chunk.length;
    // The next comma, LF and CR at or after `i`, found once each and again once passed.
    let comma = -1;
    let lf = -1;
    let cr = -1;
    let i = 0;
    while (i < n) {
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (chunk.charCodeAt(i) === QUOTE) {
            this.append('"');
            i++;
            continue;
          }
          this.inQuotes = false; // the closing quote; what follows is read as outside quotes
        } else {
          const quote = chunk.indexOf('"', i);
          const end = quote === -1 ? n : quote;
          this.append(chunk.slice(i, end));
          for (
            let at = chunk.indexOf('\n', i);
            at !== -1 && at < end;
            at = chunk.indexOf('\n', at + 1)
          )
            this.line++;
          if (quote === -1) break;
          this.quotePending = true;
          i = quote + 1;
          continue;
        }
      } else if (this.fieldStart && chunk.charCodeAt(i) === QUOTE) {
        this.inQuotes = true;
        this.fieldStart = false;
        i++;
        continue;
      }
      if (comma < i) comma = next(chunk, ',', i);
      if (lf < i) lf = next(chunk, '\n', i);
      if (cr < i) cr = next(chunk, '\r', i);
      const end = Math.min(comma, lf, cr);
      if (end > i) {
        this.fieldStart = false;
        this.append(chunk.slice(i, end));
      }
      if (end === n) break;
      if (end === comma) this.endField();
      else if (end === lf) {
        this.endField();
        records.push({ line: this.recordLine, fields: this.fields });
        this.fields = [];
        this.line++;
        this.recordLine = this.line;
      } // else a CR, dropped
      i = end + 1;
    }
    return records;
  }

  /** Ends the text; returns the last record if the text did not end with a line break. */
  end(): CsvRecord[] {
    if (this.quotePending) this.inQuotes = false;
    if (this.fields.length === 0 && !this.fieldRead && !this.inQuotes) return [];
    const error = this.inQuotes;
    this.endField();
    return error
      ? [
          {
            line: this.recordLine,
            fields: this.fields,
            error: 'the file ends inside a quoted field',
          },
        ]
      : [{ line: this.recordLine, fields: this.fields }];
  }

  private append(text: string): void {
    if (text.length === 0) return;
    this.fieldRead = true;
    if (this.keep?.[this.fields.length] !== false) this.field += text;
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.fieldRead = false;
    this.fieldStart = true;
  }
}

function next(chunk: string, char: string, from: number): number {
  const at = chunk.indexOf(char, from);
  return at === -1 ? chunk.length : at;
}

/** The records of a stream of text chunks, as `CsvReader` reads them. */
export async function* csvRecords(chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  const reader = new CsvReader();
  for await (const chunk of chunks) yield* reader.push(chunk);
  yield* reader.end();
}
