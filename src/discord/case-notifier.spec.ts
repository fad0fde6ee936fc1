import { CaseChange, CaseEventsBus } from '../cases/case-events.bus';
import type { CaseView } from '../cases/case.view';
import type { CasesService } from '../cases/cases.service';
import { CaseNotifier } from './case-notifier';
import { DiscordContent, DiscordMessenger } from './discord-messenger';

class RecordingMessenger extends DiscordMessenger {
  readonly sent: { userId: string; content: DiscordContent }[] = [];
  openDm(): Promise<string> {
    return Promise.resolve('dm-1');
  }
  sendDm(userId: string, content: DiscordContent) {
    this.sent.push({ userId, content });
    return Promise.resolve({ channelId: 'dm-1', messageId: `m-${this.sent.length}` });
  }
  sendToChannel() {
    return Promise.resolve({ messageId: 'm' });
  }
}

const view = (reporterId: string | null): CaseView => ({
  number: 7,
  type: 'BUG',
  status: 'IN_PROGRESS',
  priority: 'NORMAL',
  title: 'Lag',
  description: 'Lag in the evening',
  reporter: { id: reporterId, name: 'Ana', locale: null },
  guildId: null,
  channelId: null,
  assignee: null,
  createdAt: new Date(),
  updatedAt: new Date(),
  closedAt: null,
  fields: null,
  language: null,
  votes: 0,
  mergedInto: null,
  responseTimes: { agentRequestedAt: null, firstResponseAt: null, resolvedAt: null },
  satisfaction: null,
});

describe('CaseNotifier: who is told what', () => {
  const setup = () => {
    const messenger = new RecordingMessenger();
    const recorded: { type: string; data: unknown }[] = [];
    const cases = { recordEvent: async (_n: number, type: string, _actor: string, data: unknown) => void recorded.push({ type, data }) } as unknown as CasesService;
    const bus = new CaseEventsBus();
    new CaseNotifier(bus, cases, messenger).onModuleInit();
    const publish = async (change: CaseChange) => {
      bus.publish(change);
      await bus.settled();
    };
    return { messenger, recorded, publish };
  };

  it('does not DM reporters about their own Discord actions, but does about anyone else', async () => {
    const { messenger, recorded, publish } = setup();
    await publish({ kind: 'status_changed', case: view('111'), from: 'OPEN', to: 'IN_PROGRESS', actor: 'discord:111' });
    expect(messenger.sent).toEqual([]);

    await publish({ kind: 'status_changed', case: view('111'), from: 'OPEN', to: 'IN_PROGRESS', actor: 'discord:222' });
    await publish({ kind: 'status_changed', case: view('111'), from: 'OPEN', to: 'IN_PROGRESS', actor: 'api:lead' });
    expect(messenger.sent.map((s) => s.userId)).toEqual(['111', '111']);
    expect(recorded.map((r) => r.type)).toEqual(['NOTIFIED', 'NOTIFIED']);
  });

  it('tells about public notes only, and never without a Discord reporter', async () => {
    const { messenger, publish } = setup();
    await publish({ kind: 'note_added', case: view('111'), body: 'internal', public: false, actor: 'api:lead' });
    await publish({ kind: 'note_added', case: view(null), body: 'hello', public: true, actor: 'api:lead' });
    expect(messenger.sent).toEqual([]);
    await publish({ kind: 'note_added', case: view('111'), body: 'hello', public: true, actor: 'api:lead' });
    expect(messenger.sent[0].content.embeds?.[0].description).toContain('>>> hello');
  });
});
