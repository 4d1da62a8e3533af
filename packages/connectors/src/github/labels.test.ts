import { describe, expect, it } from 'vitest';
import { priorityFromLabels } from './labels.js';

describe('priorityFromLabels', () => {
  const mapping = { bug: 'high', P1: 'urgent', question: 'low', later: 'someday' };

  it('takes the strongest mapped priority, matching label names without case', () => {
    expect(priorityFromLabels(['bug', 'p1'], mapping)).toBe('urgent');
    expect(priorityFromLabels(['question', 'BUG'], mapping)).toBe('high');
  });

  it('ranks priorities it does not know after the known ones', () => {
    expect(priorityFromLabels(['later', 'question'], mapping)).toBe('low');
    expect(priorityFromLabels(['later'], mapping)).toBe('someday');
  });

  it('is null without a mapped label or without a mapping', () => {
    expect(priorityFromLabels(['docs'], mapping)).toBeNull();
    expect(priorityFromLabels(['bug'], undefined)).toBeNull();
  });
});
