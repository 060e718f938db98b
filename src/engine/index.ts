export { createConversationMachine, type ConversationEvent, type ConversationInput, type ConversationMachine } from './conversationMachine.ts';
export {
  applyChoice,
  availableOptions,
  canTakeBreath,
  customerLineVariant,
  initialState,
  judgeBreath,
  legalChoices,
  type Choice,
  type ConversationState,
  type Decision,
  type ReplyOption,
} from './rules.ts';
export { simulate, toEvent } from './simulate.ts';
