import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collect } from '../testing/fixtures.js';
import { CsvReader, type CsvRecord, csvRecords } from './records.js';

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
const parse = async (text: string, size = 1_000_000) => collect(csvRecords(chunked(text, size)));
const rows = (records: CsvRecord[]) => records.map((r) => r.fields);

describe('csvRecords', () => {
  it('splits plain fields and records, LF or CRLF, with or without a last newline', async () => {
    expect(rows(await parse('a,b,c\n1,2,3\n'))).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(rows(await parse('a,b\r\n1,2'))).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(rows(await parse('a,,\n'))).toEqual([['a', '', '']]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', async () => {
    const text = 'id,text\n1,"Hello, ""world"""\n2,"two\nlines"\n3,x\n';
    const records = await parse(text);
    expect(rows(records)).toEqual([
      ['id', 'text'],
      ['1', 'Hello, "world"'],
      ['2', 'two\nlines'],
      ['3', 'x'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });

  it('gives the same records however the text is chunked', async () => {
    const text = '\ufeffa,"b ""q"", c",d\r\n"x\r\ny",,""\n"",z\n';
    const whole = await parse(text);
    expect(whole[0]?.fields[0]).toBe('a');
    for (const size of [1, 2, 3, 5, 7]) expect(await parse(text, size)).toEqual(whole);
  });

  it('reports a file that ends inside quotes', async () => {
    expect(await parse('a,"open\n')).toEqual([
      { line: 1, fields: ['a', 'open\n'], error: 'the file ends inside a quoted field' },
    ]);
  });

  it('round-trips any table written the RFC 4180 way, in any chunking', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é') });
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1 });
    await fc.assert(
      fc.asyncProperty(table, fc.integer({ min: 1, max: 9 }), async (t, size) => {
        const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
        const text = `${t.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
        expect(rows(await parse(text, size))).toEqual(t);
      }),
    );
  });

  it('reads any text as the character-by-character reader it replaced, kept columns or not', async () => {
    const unit = fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é', '\ufeff');
    const text = fc.string({ unit, maxLength: 40 });
    const cuts = fc.array(fc.nat({ max: 40 }), { maxLength: 6 });
    const keep = fc.option(fc.array(fc.boolean(), { maxLength: 5 }), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(text, cuts, keep, async (t, at, kept) => {
        const sorted = [...at.map((n) => Math.min(n, t.length)), t.length].sort((a, b) => a - b);
        async function* chunks() {
          let from = 0;
          for (const to of sorted) {
            yield t.slice(from, to); // empty chunks too
            from = to;
          }
        }
        const expected = (await collect(reference(chunks()))).map((r) => ({
          ...r,
          fields: r.fields.map((f, i) => (kept?.[i] === false ? '' : f)),
        }));
        const reader = new CsvReader();
        reader.keep = kept;
        const got: CsvRecord[] = [];
        for await (const chunk of chunks()) got.push(...reader.push(chunk));
        got.push(...reader.end());
        expect(got).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

// The reader before CsvReader, kept as the reference it is compared to.
const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

async function* reference(chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
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
