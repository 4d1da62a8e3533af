export { CalendarChoice, customerZone } from './customer-hours.js';
export {
  type Assignment,
  type ContractTerms,
  contractOf,
  contractVersionAt,
  TargetChoice,
} from './target-choice.js';
