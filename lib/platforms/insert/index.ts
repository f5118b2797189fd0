/** Reply insertion into the platforms' native composers (content-script side, DOM only). */
export { insertReply, type InsertOptions, type InsertOutcome } from './insert-reply';
export { trackComposerCaret, type CaretTracker } from './caret-tracker';
export type { InsertMode, TextSelection } from './caret';
