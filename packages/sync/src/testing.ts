// Test support, exported as `@breachless/sync/testing`: loopback fakes of the helpdesks'
// REST APIs and histories to fill them with. Not part of the runtime.
export { type FakeTicketEvent, FakeZendesk, type FakeZendeskOptions } from './zendesk/fake.js';
export { type FakeChange, fakeHistory, type HistoryOptions } from './zendesk/fake-history.js';
