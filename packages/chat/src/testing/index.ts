// Test support, exported as `@breachless/chat/testing`: not part of the runtime.
export {
  type AlertKey,
  type Call,
  type Failure,
  FakeSlack,
  type Kill,
  type OidcUser,
  type Post,
  type SlackUser,
} from './fake-slack.js';
export { ManualTimer } from './manual-timer.js';
export {
  connectionsDrained,
  type RawEnding,
  rawExchange,
  truncatedPost,
  unhandledDuring,
} from './raw-socket.js';
export { sampleAlert } from './sample-alert.js';
