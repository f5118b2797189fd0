/**
 * The replay evaluation's scoring (docs/evaluation.md §2): "the best token-F1 between any of the
 * top 3 suggestions and the reply actually sent, after lower-casing and removing @mentions, URLs
 * and trailing ^XY signatures". `npm run eval -- replay` scores the engine and the reference
 * methods with these two functions; a change to them moves every figure in the README.
 */
import { describe, expect, it } from 'vitest';
import { comparisonWords, tokenF1 } from '../../lib/suggest/text';

describe('comparisonWords', () => {
  it('lower-cases and drops @mentions, links and the trailing ^XY signature', () => {
    expect(comparisonWords('@AmazonHelp Hi Dana, see https://amzn.to/3xYz and www.example.com/help ^JD')).toEqual(['hi', 'dana', 'see', 'and']);
    expect(comparisonWords('Sorry! Please DM us, @Ana_1. ^Madison')).toEqual(['sorry', 'please', 'dm', 'us']);
  });

  it('keeps a caret sign-off that is not at the end, and an e-mail-like word is not a mention', () => {
    expect(comparisonWords('Thanks ^JD for waiting')).toEqual(['thanks', 'jd', 'for', 'waiting']);
    expect(comparisonWords('write to help@acme.example')).toEqual(['write', 'to', 'help', 'acme', 'example']);
  });
});

describe('tokenF1', () => {
  it('counts shared words as multisets, in any order', () => {
    // 2 shared of 3 each: precision = recall = 2/3.
    expect(tokenF1(['a', 'b', 'b'], ['b', 'c', 'b'])).toBeCloseTo(2 / 3, 10);
    expect(tokenF1(['b', 'c', 'b'], ['a', 'b', 'b'])).toBeCloseTo(2 / 3, 10);
    // One shared word of 1 and of 4: P = 1, R = 1/4, F1 = 0.4.
    expect(tokenF1(['dm'], ['please', 'dm', 'us', 'now'])).toBeCloseTo(0.4, 10);
    expect(tokenF1(['x', 'y'], ['y', 'x'])).toBe(1);
  });

  it('is 0 with nothing shared or an empty side', () => {
    expect(tokenF1(['a'], ['b'])).toBe(0);
    expect(tokenF1([], ['b'])).toBe(0);
    expect(tokenF1(['a'], [])).toBe(0);
  });
});
