import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayIntentBits, GatewayOpcodes } from 'discord-api-types/v10';
import { WebSocket, WebSocketServer } from 'ws';

/** Intents a real application must switch on in the Developer Portal before it may ask for them. */
const PRIVILEGED_INTENTS = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

export interface GatewaySession {
  id: string;
  socket: WebSocket | null;
  seq: number;
  intents: number;
  /** Whether the client identified (or resumed) on its current socket. */
  live: boolean;
  /** False once the client closed with 1000/1001 (Discord then invalidates the session). */
  resumable: boolean;
  /** Dispatches missed while disconnected, sent again on RESUME. */
  missed: { t: string; d: unknown; s: number }[];
}

/** Dispatches kept for a disconnected session (Discord keeps a bounded buffer too). */
const MISSED_LIMIT = 1000;

/** What a test can hold back: the answer to the WebSocket upgrade, HELLO after a connect, READY after an IDENTIFY. */
export type HeldStage = 'upgrade' | 'hello' | 'ready';

export interface GatewayOptions {
  token: () => string;
  heartbeatIntervalMs: number;
  allowPrivilegedIntents: boolean;
  /** READY's `d` for a new session and the dispatches that follow it (GUILD_CREATE per guild). */
  readyPayload: (sessionId: string) => { ready: Record<string, unknown>; after: { t: string; d: unknown }[] };
  /** Called after each client payload is handled (waiters re-check their conditions). */
  onActivity: () => void;
}

/**
 * Discord's gateway protocol, enough for discord.js' WebSocketShard: HELLO → IDENTIFY → READY
 * (+ GUILD_CREATE), heartbeats and their ACKs, RESUME → RESUMED, and dispatches with sequence numbers.
 * As Discord's Gateway docs ("Resuming") describe, events go to the sessions connected now; a
 * session whose socket dropped keeps what it missed and gets it on RESUME, while a NEW session
 * (IDENTIFY) never receives events dispatched before it existed.
 */
export class FakeGateway {
  private readonly server = new WebSocketServer({ noServer: true });
  readonly sessions = new Map<string, GatewaySession>();
  /** Every payload a client sent (op and d), for assertions on IDENTIFY's intents and the like. */
  readonly received: { op: number; d: unknown; sessionId: string | null }[] = [];
  private readonly identifiedListeners = new Set<() => void>();
  /** Sockets accepted so far, those still open, and the close code of each closed one (1000: the client said goodbye; 1006: it vanished). */
  connections = 0;
  readonly openSockets = new Set<WebSocket>();
  readonly closeCodes: number[] = [];
  /** Stages held back by a test (a slow network or gateway): each waits until released. */
  private readonly held = new Map<HeldStage, (() => void)[]>();

  constructor(private readonly options: GatewayOptions) {
    this.server.on('connection', (socket) => this.onConnection(socket));
  }

  /** Upgrade requests received, and how many of them the client gave up on before they were answered. */
  readonly upgrades = { received: 0, abandoned: 0 };
  private readonly unanswered = new Set<Duplex>();

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.upgrades.received++;
    this.unanswered.add(socket);
    let answered = false;
    // The client hanging up on an unanswered upgrade ends the socket's readable side ('end').
    socket.once('end', () => {
      if (answered) return;
      this.upgrades.abandoned++;
      this.unanswered.delete(socket);
      socket.destroy();
      this.options.onActivity();
    });
    this.options.onActivity();
    // Read while held, so a client hanging up is noticed (the client sends nothing before the answer).
    if (this.held.has('upgrade')) socket.resume();
    this.after('upgrade', () => {
      answered = true;
      this.unanswered.delete(socket);
      if (!socket.destroyed) this.server.handleUpgrade(request, socket, head, (ws) => this.server.emit('connection', ws, request));
    });
  }

  /** Resolves once at least one session is live (the bot logged in). */
  whenIdentified(): Promise<void> {
    if (this.liveSessions().length > 0) return Promise.resolve();
    return new Promise((resolve) => {
      const listener = () => {
        this.identifiedListeners.delete(listener);
        resolve();
      };
      this.identifiedListeners.add(listener);
    });
  }

  liveSessions(): GatewaySession[] {
    return [...this.sessions.values()].filter((s) => s.live && s.socket?.readyState === WebSocket.OPEN);
  }

  /** Sessions that lost their socket but may still RESUME (they collect what they miss). */
  resumableSessions(): GatewaySession[] {
    const live = new Set(this.liveSessions());
    return [...this.sessions.values()].filter((s) => s.resumable && !live.has(s));
  }

  /**
   * Sends a dispatch to every live session whose intents include `intent` (when given), and keeps
   * it for resumable disconnected ones. `d` may be shaped per session's intents (message content
   * without MessageContent). Returns how many live sessions got it.
   */
  dispatch(t: string, d: unknown, intent?: number): number {
    let sent = 0;
    const live = new Set(this.liveSessions());
    for (const session of this.sessions.values()) {
      if (intent !== undefined && (session.intents & intent) === 0) continue;
      if (!live.has(session) && !session.resumable) continue;
      const data = typeof d === 'function' ? (d as (intents: number) => unknown)(session.intents) : d;
      const s = ++session.seq;
      if (live.has(session)) {
        this.send(session, { op: GatewayOpcodes.Dispatch, t, d: data, s });
        sent++;
      } else if (session.missed.push({ t, d: data, s }) > MISSED_LIMIT) {
        session.missed.shift();
      }
    }
    return sent;
  }

  /** Closes every socket with a code, as Discord does on a restart (4000 lets the client resume). */
  drop(code = GatewayCloseCodes.UnknownError): void {
    for (const session of this.sessions.values()) {
      session.live = false;
      session.socket?.close(code, 'fake gateway drop');
    }
  }

  /**
   * Holds HELLO (sent on connect) or READY (the answer to IDENTIFY) back until `release(stage)`, as
   * a slow link or a busy gateway would: start-up can then be stopped at that exact moment.
   */
  hold(stage: HeldStage): void {
    if (!this.held.has(stage)) this.held.set(stage, []);
  }

  release(stage: HeldStage): void {
    const waiting = this.held.get(stage) ?? [];
    this.held.delete(stage);
    for (const go of waiting) go();
  }

  private after(stage: HeldStage, go: () => void): void {
    const waiting = this.held.get(stage);
    if (waiting) waiting.push(go);
    else go();
  }

  async close(): Promise<void> {
    this.held.clear();
    for (const socket of this.unanswered) socket.destroy();
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onConnection(socket: WebSocket): void {
    let session: GatewaySession | null = null;
    this.connections++;
    this.openSockets.add(socket);
    socket.on('close', (code) => {
      this.openSockets.delete(socket);
      this.closeCodes.push(code);
      this.options.onActivity();
    });
    this.after('hello', () => {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs }, s: null, t: null }));
    });
    this.options.onActivity();
    socket.on('message', (raw) => {
      let payload: { op: number; d: any };
      try {
        payload = JSON.parse(raw.toString());
      } catch {
        socket.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
        return;
      }
      this.received.push({ op: payload.op, d: payload.d, sessionId: session?.id ?? null });
      switch (payload.op) {
        case GatewayOpcodes.Heartbeat:
          socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null }));
          break;
        case GatewayOpcodes.Identify:
          this.after('ready', () => {
            if (socket.readyState === WebSocket.OPEN) session = this.identify(socket, payload.d);
            this.options.onActivity();
          });
          break;
        case GatewayOpcodes.Resume:
          session = this.resume(socket, payload.d);
          break;
        default:
          // presence updates, member requests and voice state updates are accepted and ignored
          break;
      }
      this.options.onActivity();
    });
    socket.on('close', (code) => {
      if (!session || session.socket !== socket) return;
      session.live = false;
      // Discord: a client closing with 1000 or 1001 invalidates its session (no RESUME after it).
      if (code === 1000 || code === 1001) session.resumable = false;
    });
  }

  private identify(socket: WebSocket, d: { token?: string; intents?: number }): GatewaySession | null {
    if (d?.token !== this.options.token()) {
      socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return null;
    }
    const intents = Number(d.intents ?? 0);
    if (!this.options.allowPrivilegedIntents && (intents & PRIVILEGED_INTENTS) !== 0) {
      socket.close(GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
      return null;
    }
    const session: GatewaySession = { id: randomBytes(16).toString('hex'), socket, seq: 0, intents, live: true, resumable: true, missed: [] };
    this.sessions.set(session.id, session);
    const { ready, after } = this.options.readyPayload(session.id);
    this.send(session, { op: GatewayOpcodes.Dispatch, t: GatewayDispatchEvents.Ready, d: ready, s: ++session.seq });
    for (const event of after) {
      if (event.t === GatewayDispatchEvents.GuildCreate && (intents & GatewayIntentBits.Guilds) === 0) continue;
      this.send(session, { op: GatewayOpcodes.Dispatch, t: event.t, d: event.d, s: ++session.seq });
    }
    for (const listener of [...this.identifiedListeners]) listener();
    return session;
  }

  private resume(socket: WebSocket, d: { token?: string; session_id?: string; seq?: number }): GatewaySession | null {
    const session = d?.session_id ? this.sessions.get(d.session_id) : undefined;
    if (d?.token !== this.options.token() || !session?.resumable) {
      // "Invalid session", not resumable: the client identifies again
      socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null }));
      return null;
    }
    session.socket = socket;
    session.live = true;
    // "The gateway will replay all missed events in order, finishing with a Resumed event."
    const missed = session.missed.splice(0).filter((event) => event.s > Number(d.seq ?? 0));
    for (const event of missed) this.send(session, { op: GatewayOpcodes.Dispatch, ...event });
    this.send(session, { op: GatewayOpcodes.Dispatch, t: GatewayDispatchEvents.Resumed, d: {}, s: ++session.seq });
    return session;
  }

  private send(session: GatewaySession, payload: Record<string, unknown>): void {
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify(payload));
  }
}
