import { createReadStream, statSync } from 'node:fs';
import { pipeline, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ConnectorError } from '../errors.js';
import type { ImportProgress } from './types.js';

/** A file opened for import: its text in chunks, and how much of it has been read. */
interface TextFile {
  readonly chunks: AsyncIterable<string>;
  progress(): ImportProgress;
}

/**
 * Opens a file as a stream of UTF-8 text, decompressing it on the fly when its name ends
 * in `.gz`; nothing is held beyond the stream's own buffers, so memory stays flat however
 * large the file. Progress counts the bytes read from disk (compressed bytes for `.gz`),
 * against the size on disk.
 * @throws ConnectorError `file_invalid` when the file cannot be opened
 */
export function openTextFile(path: string): TextFile {
  let totalBytes: number;
  try {
    totalBytes = statSync(path).size;
  } catch (error) {
    throw new ConnectorError('file_invalid', 'import', `cannot read ${path}`, [], { cause: error });
  }
  let bytesRead = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytesRead += chunk.length;
      done(null, chunk);
    },
  });
  const stages = path.endsWith('.gz')
    ? [createReadStream(path), counter, createGunzip()]
    : [createReadStream(path), counter];
  // pipeline destroys every stage on an error, so a corrupt gzip ends the iteration with it.
  const text = pipeline(stages, () => {}) as unknown as NodeJS.ReadableStream;
  text.setEncoding('utf8');
  return {
    chunks: text as AsyncIterable<string>,
    progress: () => ({ bytesRead, totalBytes }),
  };
}

/** Splits text chunks into lines (without their `\n` or `\r\n`), blank ones included. */
export async function* textLines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of chunks) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) yield part.endsWith('\r') ? part.slice(0, -1) : part;
  }
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}
