// Test support, exported as `@breachless/sync/testing`: loopback fakes of the helpdesks'
// REST APIs and histories to fill them with. Not part of the runtime.
export { FakeGitHub, type FakeGitHubOptions } from './github/fake.js';
export {
  FAKE_AGENT,
  type FakeIssue,
  type FakeIssueChange,
  fakeGitHubHistory,
  type GitHubHistoryOptions,
} from './github/fake-history.js';
export { FakeJira, type FakeJiraOptions } from './jira/fake.js';
export {
  type FakeJiraChange,
  type FakeJiraIssue,
  fakeJiraHistory,
  type JiraHistoryOptions,
  jiraTime,
} from './jira/fake-history.js';
export { type FakeTicketEvent, FakeZendesk, type FakeZendeskOptions } from './zendesk/fake.js';
export { type FakeChange, fakeHistory, type HistoryOptions } from './zendesk/fake-history.js';
