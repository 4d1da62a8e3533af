import { describe, expect, it } from 'vitest';
import { MAX_PROBLEMS, problemList } from './errors.js';
import { MAX_BODY_DEPTH, mediaType, nestingDepth, utf8Text } from './request-body.js';

describe('nestingDepth', () => {
  it('counts brackets and braces inside one another, not side by side', () => {
    expect(nestingDepth('1')).toBe(0);
    expect(nestingDepth('[[1],[2,[3]]]')).toBe(3);
    expect(nestingDepth('{"a":{"b":[1]},"c":[]}')).toBe(3);
    expect(nestingDepth('policies: [{ id: p, targets: { x: [1] } }]')).toBe(4);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestingDepth('["[[[[", "{{{"]')).toBe(1);
    expect(nestingDepth('["a\\"[[[[[", "\\\\"]')).toBe(1);
  });

  it('stops counting past the limit, so a million levels cost one pass at most', () => {
    expect(nestingDepth('['.repeat(1_000_000))).toBe(MAX_BODY_DEPTH + 1);
    expect(nestingDepth(`${'['.repeat(MAX_BODY_DEPTH)}${']'.repeat(MAX_BODY_DEPTH)}`)).toBe(
      MAX_BODY_DEPTH,
    );
  });
});

describe('mediaType and utf8Text', () => {
  it('reads media types in any case, without parameters', () => {
    expect(mediaType('Application/JSON; charset=UTF-8')).toBe('application/json');
    expect(mediaType(' text/YAML ')).toBe('text/yaml');
    expect(mediaType(undefined)).toBe('');
  });

  it('decodes UTF-8 and refuses anything else instead of replacing it', () => {
    expect(utf8Text(new TextEncoder().encode('café ☕'))).toBe('café ☕');
    expect(() => utf8Text(new Uint8Array([0x61, 0xff, 0x62]))).toThrow('body is not valid UTF-8');
    expect(() => utf8Text(new Uint8Array([0xed, 0xa0, 0x80]))).toThrow('body is not valid UTF-8');
  });
});

describe('problemList', () => {
  it('lists the first 100 problems and counts the rest', () => {
    const problems = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ path: `[${i}]`, message: 'bad' }));
    expect(problemList(problems(MAX_PROBLEMS))).toEqual(problems(MAX_PROBLEMS));
    expect(problemList(problems(MAX_PROBLEMS + 1))).toEqual([
      ...problems(MAX_PROBLEMS),
      { path: '(more)', message: 'and 1 more problem not listed' },
    ]);
    expect(problemList(problems(250)).at(-1)).toEqual({
      path: '(more)',
      message: 'and 150 more problems not listed',
    });
  });
});
