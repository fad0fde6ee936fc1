import { Injectable } from '@nestjs/common';
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { APIButtonComponentWithCustomId, APIEmbed } from 'discord-api-types/v10';
import { AGENT_BUTTON_ID, FEEDBACK_BUTTON_PREFIX, PlayerChannel, PlayerNotice } from '../../conversations/ports';
import { DiscordContent, DiscordMessenger } from '../discord-messenger';

/** Renders the routing core's neutral notices as Discord messages: article embeds, the agent button, files. */
export function renderNotice(notice: PlayerNotice): DiscordContent {
  const content: DiscordContent = { content: notice.text.slice(0, 2000) };
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
  if (notice.files?.length) {
    content.files = notice.files.map((file) => ({ name: file.filename, data: file.data, contentType: file.contentType }));
  }
  return content;
}

@Injectable()
export class DiscordPlayerChannel extends PlayerChannel {
  constructor(private readonly messenger: DiscordMessenger) {
    super();
  }

  openDm(userId: string): Promise<string> {
    return this.messenger.openDm(userId);
  }

  send(dmChannelId: string, notice: PlayerNotice): Promise<{ messageId: string }> {
    return this.messenger.sendToChannel(dmChannelId, renderNotice(notice));
  }
}
