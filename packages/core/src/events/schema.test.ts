import { describe, expect, it } from 'vitest';
import { checkEvent } from './parse.js';

describe('an event with an invalid type', () => {
  it('reports every problem of the fields all events share, not only the type', () => {
    const checked = checkEvent({ type: 'ticket.merged', id: 7, at: 'yesterday' });
    expect('problems' in checked && checked.problems.map((p) => p.path).sort()).toEqual([
      'at',
      'id',
      'ticket',
      'type',
    ]);
  });

  it('reports only the type when the shared fields are right', () => {
    const checked = checkEvent({
      type: 'ticket.merged',
      id: 'e1',
      ticket: 'T1',
      at: '2026-11-23T10:00:00Z',
    });
    expect('problems' in checked && checked.problems).toEqual([
      {
        path: 'type',
        message: 'must be one of ticket.created, ticket.updated, message, ticket.deleted',
      },
    ]);
  });
});
