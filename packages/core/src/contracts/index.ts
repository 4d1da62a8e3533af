export { CalendarChoice } from './customer-hours.js';
export {
  type Assignment,
  type ContractTerms,
  contractVersionAt,
  TargetChoice,
} from './target-choice.js';
