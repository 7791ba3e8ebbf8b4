/** Customer service (飞鸽): buyer–shop conversations, the service desk and response figures. */
export {
  inAssessedHours, inServiceHours, matchFaq, pickStaff, shanghaiMinute,
  CLIENT_ID_PATTERN, DEFAULT_MAX_OPEN, HISTORY_PAGE_MAX, MAX_KEYWORD_CHARS, MAX_MESSAGE_CHARS, MAX_OPEN_LIMIT, MAX_SNIPPET_CHARS, MAX_SNIPPETS, MESSAGE_KINDS, RATE_LIMIT, RATE_WINDOW_MS, REPLY_WINDOW_MS, SENDER_RATE_LIMIT, SOURCE_KINDS,
  type ConversationStatus, type MessageKind, type ServiceErrorCode, type Side as ServiceSide, type SnippetKind, type SourceKind, type StaffLoad,
} from './service-rules.js';
export { computeFigures, percentile, type FigureMessage, type FigureRating, type ServiceFigures } from './figures-math.js';
export { audienceOf, type ConversationView, type MessageView } from './conversation-store.js';
export { serviceFigures, serviceReport, type ServiceDay, type ServiceReport, type StaffFigures } from './figures.js';
export { getConversation, history, markRead, myConversations, myUnread, openConversation, purgeUnusedChatImages, rateConversation, setBlocked, uploadChatImage, type HistoryQuery, type OpenInput } from './conversations.js';
export { sendMessage, type SendInput, type SendResult } from './messages.js';
export {
  addSnippet, arbitrationConversation, buyerContext, closeConversation, deskView, getServiceSettings, listSnippets, putServiceSettings, removeSnippet, setPresence, transferConversation,
  type BuyerContext, type DeskView, type ServiceSettings, type SnippetView,
} from './desk.js';
