/**
 * Slack's Block Kit limits (docs.slack.dev/reference/block-kit): a message over any of them is
 * refused whole (`invalid_blocks`), so renderers cut to these and say what they left out.
 */
export const LIMITS = {
  /** Blocks in a message; a Home tab takes 100. */
  messageBlocks: 50,
  homeBlocks: 100,
  /** Characters of a section's text, of one of its fields, of a header. */
  sectionText: 3000,
  fieldText: 2000,
  headerText: 150,
  /** Elements of a context block; characters of a button's text. */
  contextElements: 10,
  buttonText: 75,
  /** Characters of an option's text and value; of an action or block id. */
  optionText: 75,
  optionValue: 150,
  blockId: 255,
  /** The plain `text` of a message, shown in notifications. */
  messageText: 4000,
} as const;
