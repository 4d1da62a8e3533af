import { describe, expect, it } from 'vitest';
import { jiraPriority, jiraStatus } from './statuses.js';

describe('jiraStatus', () => {
  it('maps the usual service desk statuses by name, without case', () => {
    const of = (name: string) => jiraStatus(name, undefined, {});
    expect(of('Open')).toBe('open');
    expect(of('To Do')).toBe('open');
    expect(of('Waiting for support')).toBe('open');
    expect(of('Waiting for customer')).toBe('pending');
    expect(of('Pending')).toBe('on_hold');
    expect(of('Waiting for third party')).toBe('on_hold');
    expect(of('Resolved')).toBe('solved');
    expect(of('Done')).toBe('solved');
    expect(of('Closed')).toBe('closed');
  });

  it('falls back on the status category, then gives up', () => {
    expect(jiraStatus('Triage', 'new', {})).toBe('open');
    expect(jiraStatus('Declined', 'done', {})).toBe('solved');
    expect(jiraStatus('Triage', undefined, {})).toBeUndefined();
  });

  it('lets the site name its own statuses and categories', () => {
    const options = {
      statuses: { 'awaiting approval': 'on_hold' as const, Pending: 'pending' as const },
      statusCategories: { new: 'new' as const },
    };
    expect(jiraStatus('Awaiting Approval', 'indeterminate', options)).toBe('on_hold');
    expect(jiraStatus('pending', undefined, options)).toBe('pending');
    expect(jiraStatus('Triage', 'new', options)).toBe('new');
  });
});

describe('jiraPriority', () => {
  it('maps standard names and keeps unknown ones lowercased', () => {
    expect(jiraPriority('Highest', undefined)).toBe('urgent');
    expect(jiraPriority('Medium', undefined)).toBe('normal');
    expect(jiraPriority('P2', undefined)).toBe('p2');
    expect(jiraPriority('P2', { p2: 'high' })).toBe('high');
    expect(jiraPriority(null, undefined)).toBeNull();
  });
});
