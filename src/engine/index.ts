export { createConversationMachine, type ConversationEvent, type ConversationInput, type ConversationMachine } from './conversationMachine.ts';
export {
  applyChoice,
  availableOptions,
  canTakeBreath,
  customerLineVariant,
  initialState,
  judgeBreath,
  type Choice,
  type ConversationState,
  type Decision,
  type ReplyOption,
} from './rules.ts';
