export type { TopicAuthorizer } from './authorizers.ts'
export { REALTIME_CHANNEL, RealtimeHub } from './hub.ts'
export {
  CHANGED_EVENT,
  type ClientMessage,
  CloseCode,
  type ServerMessage,
  type Topic,
  type TopicKind,
  topicKinds,
} from './protocol.ts'
