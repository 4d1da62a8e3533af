import { createRequire } from 'node:module';

// The package's ESM build imports files without extensions, which Node refuses; its UMD
// bundle is the same library in one file.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: { message: string }[] };
  };
  SerializationContext: new (
    version?: unknown,
  ) => { eventCount: number; getEventAt(i: number): { message: string } };
  Versions: { v1_5: unknown };
};

/**
 * Every parse error, warning and validation failure the Adaptive Cards library reports for a
 * card read as version 1.5: an empty list is a card Teams renders as we meant it.
 */
export function cardProblems(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++)
    problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const e of card.validateProperties().validationEvents)
    problems.push(`validate: ${e.message}`);
  return problems;
}
