import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { APIActionRowComponent, APIEmbed, APIMessageActionRowComponent } from 'discord-api-types/v10';
import type { HandOff, TranscriptLine } from '../../conversations/ports';

/** What staff threads look like: the title, the opening embed with Claim / Close, relayed lines. */
export const CLAIM_BUTTON_ID = 'staff-desk/claim';
export const TAKE_OVER_BUTTON_ID = 'staff-desk/take-over';
export const CLOSE_BUTTON_ID = 'staff-desk/close';

const LANGUAGES: Record<string, string> = { en: 'English', fr: 'French', es: 'Spanish', de: 'German', pt: 'Portuguese' };
const unix = (date: Date) => Math.floor(date.getTime() / 1000);

export const threadTitle = (chat: HandOff) => `#${chat.caseNumber} · ${chat.player.displayName} · ${chat.locale}`;

export function transcriptText(lines: TranscriptLine[], max = 3800): string {
  const rendered = lines.map((line) => `**${line.author === 'PLAYER' ? (line.authorName ?? 'Player') : line.author === 'BOT' ? 'Bot' : (line.authorName ?? line.author.toLowerCase())}:** ${line.body}`);
  let text = rendered.join('\n');
  // The newest lines matter most: drop the oldest until it fits Discord's 4096-character description.
  while (text.length > max && rendered.length > 1) text = ['…', ...rendered.splice(1)].join('\n');
  return text.slice(-max) || '_(no messages yet)_';
}

export function openingEmbed(chat: HandOff): APIEmbed {
  const asked = chat.requestedAt ?? new Date();
  return {
    title: `Case #${chat.caseNumber}: help chat with ${chat.player.displayName}`.slice(0, 256),
    color: 0xfee75c,
    description: transcriptText(chat.transcript),
    fields: [
      { name: 'Player', value: `<@${chat.player.id}> (${chat.player.id})`, inline: true },
      { name: 'Language', value: LANGUAGES[chat.locale] ?? chat.locale, inline: true },
      { name: 'Asked', value: `<t:${unix(asked)}:f> (<t:${unix(asked)}:R>)`, inline: true },
      ...(chat.previousCaseNumber ? [{ name: 'Previous case', value: `#${chat.previousCaseNumber}`, inline: true }] : []),
    ],
    footer: { text: 'Write here to answer the player. Start with the note prefix for an internal note.' },
  };
}

export function threadButtons(): APIActionRowComponent<APIMessageActionRowComponent>[] {
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        { type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: CLAIM_BUTTON_ID, label: 'Claim' },
        { type: ComponentType.Button, style: ButtonStyle.Danger, custom_id: CLOSE_BUTTON_ID, label: 'Close' },
      ],
    },
  ];
}

export const takeOverButton = (): APIActionRowComponent<APIMessageActionRowComponent>[] => [
  { type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Danger, custom_id: TAKE_OVER_BUTTON_ID, label: 'Take over' }] },
];
