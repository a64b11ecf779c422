import { ChatPart } from '@finlet/contracts';

/**
 * Reads an advice chat's Server-Sent Events body (`event: <type>` + `data: <json>` per part) into
 * its parts, each checked against the contract; a part whose event names another type is an error.
 */
export function parseChatParts(text: string): ChatPart[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const lines = block.split('\n');
      const data = lines.find((l) => l.startsWith('data: '));
      if (data === undefined) throw new Error(`an event without data: ${block}`);
      const part = ChatPart.parse(JSON.parse(data.slice(6)));
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
      if (event !== undefined && event !== part.type) {
        throw new Error(`event ${event} carries a ${part.type} part`);
      }
      return part;
    });
}
