import { Injectable, Logger } from '@nestjs/common';
import { Client, DiscordAPIError, REST, RESTJSONErrorCodes, Routes } from 'discord.js';
import type { APIChannel, APIMessage, APIThreadList } from 'discord-api-types/v10';
import type { CaseView } from '../../cases/case.view';
import { BoardLine, BoardRef, ReportBoard } from '../../cases/reports/report-board';
import { AppConfig } from '../../config/app-config';
import { statusLabel } from '../case-embeds';
import { DiscordDeliveryError, toDiscordError } from '../discord-errors';
import { DiscordMessenger } from '../discord-messenger';
import { t } from '../i18n';
import { ForumTags } from './forum-tags';
import { postName, reportMessage } from './report-post';

/** Refusals that mean "this forum will not take the post": fall back to the channel the report came from. */
const FORUM_REFUSED: ReadonlySet<number> = new Set([RESTJSONErrorCodes.MissingAccess, RESTJSONErrorCodes.MissingPermissions, RESTJSONErrorCodes.UnknownChannel]);

/**
 * Reports on Discord: a post in DISCORD_BUG_FORUM_ID / DISCORD_FEATURE_FORUM_ID (a thread whose
 * starter message is the report, with its status tag), or without a forum (or when the forum
 * refuses the bot) the report's embed in the channel it was filed from. Public text is in the
 * server's language.
 */
@Injectable()
export class DiscordReportBoard extends ReportBoard {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly rest: REST,
    private readonly client: Client,
    private readonly config: AppConfig,
    private readonly tags: ForumTags,
    private readonly messenger: DiscordMessenger,
  ) {
    super();
  }

  private forumOf(view: CaseView): string | undefined {
    return view.type === 'FEATURE' ? this.config.DISCORD_FEATURE_FORUM_ID : this.config.DISCORD_BUG_FORUM_ID;
  }

  /** Posts are public: in the server's preferred language. */
  private locale(view: CaseView): string {
    return (view.guildId && this.client.guilds.cache.get(view.guildId)?.preferredLocale) || 'en';
  }

  async publish(view: CaseView): Promise<BoardRef> {
    const forumId = this.forumOf(view);
    if (forumId) {
      try {
        const tag = await this.tags.tagFor(forumId, view.status);
        const thread = (await this.rest.post(Routes.threads(forumId), {
          body: { name: postName(view), applied_tags: tag ? [tag] : [], message: reportMessage(view, this.locale(view)) },
        })) as APIChannel & { message?: APIMessage };
        // A forum post's starter message has the thread's id.
        return { channelId: thread.id, threadId: thread.id, messageId: thread.message?.id ?? thread.id };
      } catch (error) {
        if (!(error instanceof DiscordAPIError && typeof error.code === 'number' && FORUM_REFUSED.has(error.code))) throw toDiscordError(error, 'create the forum post');
        this.logger.warn(`Forum ${forumId} refused case #${view.number} (${error.code} ${error.message}): posting it in channel ${view.channelId} instead`);
      }
    }
    if (!view.channelId) throw new Error(`Case #${view.number} has no channel to post in`);
    const body = { ...reportMessage(view, this.locale(view)), nonce: `report-${view.number}`.slice(0, 25), enforce_nonce: true };
    const message = (await this.call('post the report', () => this.rest.post(Routes.channelMessages(view.channelId!), { body }))) as APIMessage;
    return { channelId: view.channelId, threadId: null, messageId: message.id };
  }

  async find(view: CaseView): Promise<BoardRef | null> {
    const forumId = this.forumOf(view);
    if (!forumId || !view.guildId) return null;
    const active = (await this.call('list the forum posts', () => this.rest.get(Routes.guildActiveThreads(view.guildId!)))) as APIThreadList;
    const thread = active.threads.find((th) => 'parent_id' in th && th.parent_id === forumId && th.name.startsWith(`#${view.number} `));
    return thread ? { channelId: thread.id, threadId: thread.id, messageId: thread.id } : null;
  }

  async refresh(ref: BoardRef, view: CaseView): Promise<void> {
    const edit = () => this.call('edit the report', () => this.rest.patch(Routes.channelMessage(ref.channelId, ref.messageId), { body: reportMessage(view, this.locale(view)) }));
    if (!ref.threadId) {
      await edit();
      return;
    }
    const forumId = this.forumOf(view);
    const tag = forumId ? await this.tags.tagFor(forumId, view.status) : null;
    const closed = view.status === 'CLOSED';
    const patch = (state: { archived: boolean; locked?: boolean }) =>
      this.call('update the forum post', () => this.rest.patch(Routes.channel(ref.threadId!), { body: { name: postName(view), ...(tag ? { applied_tags: [tag] } : {}), ...state } }));
    // Locking needs Manage Threads: without it the post is still tagged and archived (its owner may do that).
    const thread = (state: { archived: boolean; locked: boolean }) =>
      patch(state).catch((error: unknown) => {
        if (!(error instanceof DiscordDeliveryError && error.discordCode === RESTJSONErrorCodes.MissingPermissions)) throw error;
        this.logger.warn(`The bot may not lock or unlock forum posts (Manage Threads) in the forum of case #${view.number}`);
        return patch({ archived: state.archived });
      });
    // An archived thread takes no edits: edit first when closing, reopen first otherwise.
    if (closed) {
      await edit();
      await thread({ archived: true, locked: true });
    } else {
      await thread({ archived: false, locked: false });
      await edit();
    }
  }

  async say(ref: BoardRef, view: CaseView, line: BoardLine, idempotencyKey: string): Promise<void> {
    const locale = this.locale(view);
    const content =
      line.kind === 'status'
        ? t(locale, 'report.statusLine', { status: statusLabel(locale, line.status) })
        : line.kind === 'merged'
          ? t(locale, 'report.mergedLine', { n: line.into, link: line.intoThreadId ? ` (<#${line.intoThreadId}>)` : '' })
          : t(locale, 'report.mergedHereLine', { n: line.from });
    await this.messenger.sendToChannel(ref.threadId ?? ref.channelId, { content, nonce: idempotencyKey });
  }

  async tellResolved(userId: string, locale: string, view: CaseView, idempotencyKey: string): Promise<void> {
    await this.messenger.sendDm(userId, { content: t(locale, 'notify.resolved', { n: view.number, title: view.title }), nonce: idempotencyKey });
  }

  private async call<T>(action: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toDiscordError(error, action);
    }
  }
}
