export { createConversationMachine, type ConversationEvent, type ConversationInput, type ConversationMachine } from './conversationMachine.ts';
export {
  applyChoice,
  availableOptions,
  canTakeBreath,
  customerLineId,
  initialState,
  judgeBreath,
  legalChoices,
  replayChoices,
  SILENCE_SKILLS,
  type Choice,
  type ConversationState,
  type Decision,
  type ReplyOption,
} from './rules.ts';
export { simulate, toEvent } from './simulate.ts';
