import { AgentMessageEvent, AgentPlatformEvents } from '../../src/conversations/ports';

interface EventsByMethod {
  agentMessage: AgentMessageEvent;
  agentJoined: { platformKey: string; agentName: string | null; onlyIfNoAgent?: boolean };
  platformClosed: { platformKey: string };
  noAgentAvailable: { platformKey: string };
  botTurn: { platformKey: string; platformMessageId: string; body: string };
}

type Call = { [M in keyof EventsByMethod]: { method: M; event: EventsByMethod[M] } }[keyof EventsByMethod];

/** The routing core's inbound port, recording what the Flex webhooks asked of it; can fail on demand. */
export class RecordingAgentPlatformEvents extends AgentPlatformEvents {
  readonly calls: Call[] = [];
  private failuresLeft = 0;
  private failure: Error = new Error('Discord is down');

  /** The next `times` calls throw `error` (after being recorded), as a failing Discord would. */
  failNext(times: number, error = new Error('Discord is down')): void {
    this.failuresLeft = times;
    this.failure = error;
  }

  of<M extends keyof EventsByMethod>(method: M): EventsByMethod[M][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.event as EventsByMethod[M]);
  }

  reset(): void {
    this.calls.length = 0;
    this.failuresLeft = 0;
  }

  private async record(call: Call): Promise<void> {
    this.calls.push(call);
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw this.failure;
    }
  }

  agentMessage(event: AgentMessageEvent) {
    return this.record({ method: 'agentMessage', event });
  }

  noAgentAvailable(event: { platformKey: string }) {
    return this.record({ method: 'noAgentAvailable', event });
  }

  agentJoined(event: { platformKey: string; agentName: string | null; onlyIfNoAgent?: boolean }) {
    return this.record({ method: 'agentJoined', event });
  }

  platformClosed(event: { platformKey: string }) {
    return this.record({ method: 'platformClosed', event });
  }

  botTurn(event: { platformKey: string; platformMessageId: string; body: string }) {
    return this.record({ method: 'botTurn', event });
  }

  // Not used by Flex: its agents edit and note nothing through the bridge.
  async agentMessageChanged(): Promise<void> {}
  async internalNote(): Promise<void> {}
  async chat(): Promise<null> {
    return null;
  }
}
