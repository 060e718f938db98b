export type { ConversationEvent, ConversationInput } from './conversationLogic.ts';
export {
  applyChoice,
  availableOptions,
  canTakeBreath,
  customerAnswers,
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
  type ReplayStep,
} from './rules.ts';
export { simulate } from './simulate.ts';
export { choiceFor, conversationLogic, eventFor, startingState, type ConversationLogic, type ConversationOptions, type MoveRejected } from './conversationLogic.ts';
