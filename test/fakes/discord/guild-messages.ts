import { APIAttachment, APIMessage, APIUser, GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import type { FakeDiscord } from './fake-discord';
import { messagePayload } from './payloads';
import { isThread, membersOf, ThreadPayload } from './thread-routes';

/**
 * Members writing in guild channels and threads (a staff member in a staff thread), through the
 * gateway as Discord does it: MESSAGE_CREATE / MESSAGE_UPDATE / MESSAGE_DELETE reach sessions with
 * GUILD_MESSAGES, and carry `member` (roles, nick). Without the privileged MESSAGE_CONTENT intent
 * a session gets content, embeds, attachments and components empty unless the bot is mentioned
 * ("Message Content Intent" in Discord's gateway docs).
 */
export interface GuildMessageInput {
  channelId: string;
  user: APIUser;
  content: string;
  roles?: string[];
  /** The member's server nickname (their display name there). */
  nick?: string | null;
  attachments?: APIAttachment[];
}

const memberOf = (input: { roles?: string[]; nick?: string | null }) => ({
  roles: input.roles ?? [],
  nick: input.nick ?? null,
  avatar: null,
  joined_at: new Date(Date.now() - 86_400_000).toISOString(),
  premium_since: null,
  deaf: false,
  mute: false,
  flags: 0,
  pending: false,
  communication_disabled_until: null,
});

function shapedFor(fake: FakeDiscord, message: Record<string, unknown> & { mentions?: { id: string }[] }) {
  return (intents: number) => {
    if (intents & GatewayIntentBits.MessageContent) return message;
    if (message.mentions?.some((m) => m.id === fake.botUser.id)) return message;
    return { ...message, content: '', embeds: [], attachments: [], components: [] };
  };
}

export class GuildMessages {
  private readonly members = new Map<string, { roles?: string[]; nick?: string | null }>();

  constructor(private readonly fake: FakeDiscord) {}

  /** Threads opened under a channel, oldest first. */
  threadsIn(parentId: string): ThreadPayload[] {
    const payloads: unknown[] = [...this.fake.channels.values()].map((c) => c.payload);
    return payloads.filter((p): p is ThreadPayload => isThread(p) && p.parent_id === parentId);
  }

  thread(threadId: string): ThreadPayload {
    const payload = this.fake.channels.get(threadId)?.payload;
    if (!isThread(payload)) throw new Error(`fake discord: no thread ${threadId}`);
    return payload;
  }

  messages(channelId: string): APIMessage[] {
    return this.fake.channels.get(channelId)?.messages ?? [];
  }

  /** A member's message (MESSAGE_CREATE); writing in a thread makes them a thread member. */
  send(input: GuildMessageInput): APIMessage {
    const channel = this.fake.channels.get(input.channelId);
    if (!channel?.guildId) throw new Error(`fake discord: ${input.channelId} is not a guild channel`);
    this.fake.users.set(input.user.id, input.user);
    this.members.set(input.user.id, { roles: input.roles, nick: input.nick });
    if (isThread(channel.payload)) membersOf(this.fake, input.channelId).add(input.user.id);
    const message = messagePayload({ channelId: input.channelId, author: input.user, content: input.content, attachments: input.attachments, guildId: channel.guildId });
    this.fake.storeMessage(message);
    this.dispatchCreate(message);
    return message;
  }

  /** The same MESSAGE_CREATE again, as after a gateway resume. */
  redeliver(message: APIMessage): void {
    this.dispatchCreate(message);
  }

  /** The author edits it (MESSAGE_UPDATE with the whole message). */
  edit(message: APIMessage, content: string): APIMessage {
    const edited = { ...message, content, edited_timestamp: new Date().toISOString() } as APIMessage;
    this.fake.storeMessage(edited);
    const member = this.members.get(message.author.id) ?? {};
    this.fake.dispatch(GatewayDispatchEvents.MessageUpdate, shapedFor(this.fake, { ...edited, member: memberOf(member) } as never), GatewayIntentBits.GuildMessages);
    return edited;
  }

  /** The author deletes it (MESSAGE_DELETE carries ids only). */
  remove(message: APIMessage): void {
    const channel = this.fake.channels.get(message.channel_id);
    if (channel) channel.messages = channel.messages.filter((m) => m.id !== message.id);
    this.fake.dispatch(GatewayDispatchEvents.MessageDelete, { id: message.id, channel_id: message.channel_id, guild_id: channel?.guildId }, GatewayIntentBits.GuildMessages);
  }

  private dispatchCreate(message: APIMessage): void {
    const member = this.members.get(message.author.id) ?? {};
    const sent = this.fake.dispatch(GatewayDispatchEvents.MessageCreate, shapedFor(this.fake, { ...message, member: memberOf(member) } as never), GatewayIntentBits.GuildMessages);
    if (sent === 0) throw new Error('fake discord: no session with GUILD_MESSAGES is connected');
  }
}
