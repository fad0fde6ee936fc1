/**
 * Text from a webhook on its way to the player: Postgres refuses NUL in text and JSON, so NUL
 * becomes U+FFFD (visible, never dropped silently); long bodies become several parts, because a
 * Discord message holds 2,000 characters and the agent's name is shown in front of it.
 */
export const PLAYER_PART_MAX = 1900;
/** Longer than anything Twilio sends (a message body is at most 1,600 characters): refused as malformed. */
export const WEBHOOK_TEXT_MAX = 32_000;

export const withoutNul = (text: string): string => text.replace(/\u0000/g, '\uFFFD');

/** Splits on a line break or space near the limit, else hard; joining the parts gives the text back. */
export function splitForPlayer(text: string, max = PLAYER_PART_MAX): string[] {
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const at = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    let cut = at > max / 2 ? at + 1 : max;
    // Never between the two halves of an emoji or other astral character.
    if (cut === max && /[\uD800-\uDBFF]/.test(rest[cut - 1])) cut -= 1;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) parts.push(rest);
  return parts;
}
