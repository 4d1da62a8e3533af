import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collect } from '../testing/fixtures.js';
import { type CsvRecord, csvRecords } from './records.js';

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
});
