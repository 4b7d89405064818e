// Loaded lazily by the app (React.lazy): the log and its table code stay out of the first bundle.
export { MessageLog, type MessageLogProps } from './components/message-log';
export { LogError, type MessageLogSource } from './use-message-log';
export { isMessageLike, type ListPage, type LogFilters, type Message } from './model';
