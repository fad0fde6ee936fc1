import { Injectable } from '@nestjs/common';
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { APIButtonComponentWithCustomId, APIEmbed } from 'discord-api-types/v10';
import { PlayerChannel, PlayerNotice, PlayerUnreachableError } from '../../conversations/ports';
import { DiscordContent, DiscordMessenger } from '../discord-messenger';
import { DiscordDeliveryError } from '../discord-errors';
import { AGENT_BUTTON_ID, FEEDBACK_BUTTON_PREFIX } from './agent-button';
import { surveyButtons } from './satisfaction-survey';

/** Renders the routing core's neutral notices as Discord messages: article embeds, the agent button, files. */
export function renderNotice(notice: PlayerNotice): DiscordContent {
  const text = notice.from ? `**${notice.from}:** ${notice.text}` : notice.text;
  const content: DiscordContent = { content: text.slice(0, 2000) };
  if (notice.articles?.length) {
    const embed: APIEmbed = {
      color: 0x5865f2,
      fields: notice.articles.map((article) => ({
        name: article.title.slice(0, 256),
        value: `${article.excerpt}\n${article.url}`.slice(0, 1024),
      })),
    };
    content.embeds = [embed];
  }
  const buttons: APIButtonComponentWithCustomId[] = [];
  if (notice.feedback) {
    // Path-style ids: Necord matches custom ids as path patterns (see FeedbackButtonHandler).
    buttons.push(
      { type: ComponentType.Button, style: ButtonStyle.Success, custom_id: `${FEEDBACK_BUTTON_PREFIX}/yes/${notice.feedback.id}`, label: notice.feedback.yesLabel.slice(0, 80) },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: `${FEEDBACK_BUTTON_PREFIX}/no/${notice.feedback.id}`, label: notice.feedback.noLabel.slice(0, 80) },
    );
  }
  if (notice.agentButtonLabel) {
    buttons.push({ type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: AGENT_BUTTON_ID, label: notice.agentButtonLabel.slice(0, 80) });
  }
  if (buttons.length) content.components = [{ type: ComponentType.ActionRow, components: buttons }];
  if (notice.survey) content.components = [...(content.components ?? []), surveyButtons(notice.survey)];
  if (notice.files?.length) {
    content.files = notice.files.map((file) => ({ name: file.filename, data: file.data, contentType: file.contentType }));
  }
  return content;
}

/** Discord's 50007/50278 (DMs closed, no mutual server) are the core's PlayerUnreachableError. */
function toPlayerError(error: unknown): unknown {
  if (error instanceof DiscordDeliveryError && error.code === 'discord_dm_closed') return new PlayerUnreachableError(error.message);
  return error;
}

/** The player channel over Discord DMs; the stored message's key becomes the message nonce. */
@Injectable()
export class DiscordPlayerChannel extends PlayerChannel {
  readonly name = 'discord';

  constructor(private readonly messenger: DiscordMessenger) {
    super();
  }

  async open(playerId: string): Promise<string> {
    try {
      return await this.messenger.openDm(playerId);
    } catch (error) {
      throw toPlayerError(error);
    }
  }

  async send(channelId: string, notice: PlayerNotice, options: { idempotencyKey?: string } = {}): Promise<{ messageId: string }> {
    try {
      return await this.messenger.sendToChannel(channelId, { ...renderNotice(notice), ...(options.idempotencyKey ? { nonce: options.idempotencyKey } : {}) });
    } catch (error) {
      throw toPlayerError(error);
    }
  }

  override async edit(channelId: string, messageId: string, notice: PlayerNotice): Promise<void> {
    const { content } = renderNotice(notice);
    await this.messenger.editMessage?.(channelId, messageId, { content });
  }

  override async remove(channelId: string, messageId: string): Promise<void> {
    await this.messenger.deleteMessage?.(channelId, messageId);
  }
}
