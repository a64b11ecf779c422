/**
 * What the group assistant needs from a chat platform, and nothing more: messages in (who said
 * what, where, and whether the bot was mentioned) and messages out (to a group, or to one member
 * privately). Each platform's callback format, signature and API live behind one adapter.
 */
export interface IncomingMessage {
  messageId: string;
  /** The group (Feishu `chat_id`); for a one-to-one chat with the bot, that chat. */
  groupId: string;
  chatType: 'group' | 'private';
  sender: { id: string };
  /** The text with the bot's own mention removed and other mentions as `@name`. */
  text: string;
  mentionsBot: boolean;
}

export type OutgoingTarget = { kind: 'group'; groupId: string } | { kind: 'member'; memberId: string };

export interface OutgoingMessage {
  to: OutgoingTarget;
  text: string;
  /** Members to mention in a group message (the platform renders them as mentions). */
  mention?: string[];
}

export interface ChatAdapter {
  send(message: OutgoingMessage): Promise<void>;
}
