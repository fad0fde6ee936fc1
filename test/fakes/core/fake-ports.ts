import {
  AgentPlatform,
  AgentPlatformCapabilities,
  BotAnswer,
  ChatRef,
  CloseCause,
  HandOff,
  HandOffResult,
  Locale,
  PlayerChannel,
  PlayerNotice,
  PlayerUnreachableError,
  RelayedMessage,
  StaffAlert,
  WaitingChatAlert,
  StaffAlerts,
  SupportBot,
  TranscriptLine,
} from '../../../src/conversations/ports';

/**
 * In-memory doubles of the routing core's ports, for tests of the core without Nest, HTTP,
 * Discord or Twilio. They record what the core asked and can fail on demand.
 */

export interface SentNotice {
  channelId: string;
  messageId: string;
  notice: PlayerNotice;
  idempotencyKey?: string;
}

/** A player channel that, like Discord with a nonce, answers a repeated idempotency key with the first message. */
export class FakePlayerChannel extends PlayerChannel {
  readonly name = 'fake';
  readonly sent: SentNotice[] = [];
  readonly unreachable = new Set<string>();
  private readonly byKey = new Map<string, SentNotice>();
  private failures = 0;
  private seq = 0;

  failNext(times = 1): void {
    this.failures = times;
  }

  texts(channelId?: string): string[] {
    return this.sent.filter((s) => !channelId || s.channelId === channelId).map((s) => s.notice.text);
  }

  async open(playerId: string): Promise<string> {
    if (this.unreachable.has(playerId)) throw new PlayerUnreachableError();
    return `dm-${playerId}`;
  }

  async send(channelId: string, notice: PlayerNotice, options: { idempotencyKey?: string } = {}): Promise<{ messageId: string }> {
    if (this.unreachable.has(channelId.replace(/^dm-/, ''))) throw new PlayerUnreachableError();
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('player channel is down');
    }
    const earlier = options.idempotencyKey ? this.byKey.get(options.idempotencyKey) : undefined;
    if (earlier) return { messageId: earlier.messageId };
    const sent = { channelId, messageId: `pm-${++this.seq}`, notice, idempotencyKey: options.idempotencyKey };
    this.sent.push(sent);
    if (options.idempotencyKey) this.byKey.set(options.idempotencyKey, sent);
    return { messageId: sent.messageId };
  }

  readonly edits: { messageId: string; notice: PlayerNotice }[] = [];
  readonly removed: string[] = [];

  override async edit(_channelId: string, messageId: string, notice: PlayerNotice): Promise<void> {
    this.edits.push({ messageId, notice });
  }

  override async remove(_channelId: string, messageId: string): Promise<void> {
    this.removed.push(messageId);
  }
}

/** Staff alerts that keep what they were asked to post. */
export class RecordingStaffAlerts extends StaffAlerts {
  readonly posted: { kind: 'waiting' | 'closed'; alert: StaffAlert }[] = [];
  readonly stillWaitingAlerts: WaitingChatAlert[] = [];

  async stillWaiting(alert: WaitingChatAlert): Promise<void> {
    this.stillWaitingAlerts.push(alert);
  }

  async chatWaiting(alert: StaffAlert): Promise<void> {
    this.posted.push({ kind: 'waiting', alert });
  }

  async chatClosed(alert: StaffAlert): Promise<void> {
    this.posted.push({ kind: 'closed', alert });
  }
}

/** An agent platform that keeps what it received; it finds an earlier post of a relayed message by its id. */
export class FakeAgentPlatform extends AgentPlatform {
  readonly name = 'fake-desk';
  readonly handOffs: HandOff[] = [];
  readonly relayed: { chat: ChatRef; message: RelayedMessage }[] = [];
  readonly mirrored: TranscriptLine[] = [];
  readonly closed: ChatRef[] = [];
  readonly closeCauses: (CloseCause | undefined)[] = [];
  private readonly posted = new Map<string, string>();
  private handOffFailures = 0;
  private seq = 0;

  constructor(readonly capabilities: AgentPlatformCapabilities = { relaysPlayerMessages: true, routesInOwnFlow: false }) {
    super();
  }

  failNextHandOff(): void {
    this.handOffFailures = 1;
  }

  async handOff(chat: HandOff): Promise<HandOffResult> {
    if (this.handOffFailures-- > 0) throw new Error('the desk is down');
    this.handOffs.push(chat);
    return { platformKey: chat.platformKey ?? `key-${chat.conversationId}`, platformRefs: { ticket: `T${chat.caseNumber}` } };
  }

  async relayPlayerMessage(chat: ChatRef, message: RelayedMessage): Promise<{ platformMessageId?: string; platformKey?: string }> {
    const earlier = message.maybeSent ? this.posted.get(message.id) : undefined;
    if (earlier) return { platformMessageId: earlier, platformKey: chat.platformKey ?? undefined };
    this.relayed.push({ chat, message });
    const platformMessageId = `pf-${++this.seq}`;
    this.posted.set(message.id, platformMessageId);
    return { platformMessageId, platformKey: chat.platformKey ?? `key-${chat.conversationId}` };
  }

  async mirror(_chat: ChatRef, line: TranscriptLine): Promise<void> {
    this.mirrored.push(line);
  }

  async close(chat: ChatRef, cause?: CloseCause): Promise<void> {
    this.closed.push(chat);
    this.closeCauses.push(cause);
  }
}

/** A second desk (a staff thread's stand-in) for the chats nobody took on the first; it can be down. */
export class FallbackDesk extends AgentPlatform {
  readonly name = 'second-desk';
  readonly capabilities: AgentPlatformCapabilities = { relaysPlayerMessages: true, routesInOwnFlow: false };
  readonly handOffs: HandOff[] = [];
  readonly relayed: string[] = [];
  readonly mirrored: TranscriptLine[] = [];
  readonly closed: { chat: ChatRef; cause?: CloseCause }[] = [];
  down = false;

  async handOff(chat: HandOff): Promise<HandOffResult> {
    if (this.down) throw new Error('the second desk is down');
    this.handOffs.push(chat);
    return { platformKey: `second-${chat.conversationId}`, platformRefs: { thread: `T${chat.caseNumber}` } };
  }

  async relayPlayerMessage(_chat: ChatRef, message: RelayedMessage): Promise<{ platformMessageId?: string }> {
    this.relayed.push(message.body);
    return {};
  }

  async mirror(_chat: ChatRef, line: TranscriptLine): Promise<void> {
    this.mirrored.push(line);
  }

  async close(chat: ChatRef, cause?: CloseCause): Promise<void> {
    this.closed.push({ chat, cause });
  }
}

/** A bot that knows one article (about gems), answers French questions in French, and hears "human"/"agent". */
export class FakeBot extends SupportBot {
  readonly questions: { question: string; locale: Locale }[] = [];

  wantsHuman(text: string): boolean {
    return /\b(human|agent)\b/i.test(text);
  }

  async answer(question: string, locale: Locale): Promise<BotAnswer> {
    this.questions.push({ question, locale });
    const answeredIn: Locale = /\b(bonjour|mes)\b/i.test(question) ? 'fr' : locale;
    if (!/gems?|gemmes?/i.test(question)) return { text: '', locale: answeredIn, fallback: true, articles: [] };
    return { text: '', locale: answeredIn, fallback: false, articles: [{ slug: 'missing-gems', title: 'Missing gems', excerpt: 'Purchases can take an hour.', url: 'https://kb.test/missing-gems' }] };
  }
}
