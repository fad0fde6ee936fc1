import { HandOff } from '../../src/conversations/ports';
import { FlexAgentPlatform } from '../../src/flex/flex-agent.platform';
import { JobQueue } from '../../src/queue/job-queue';
import { createFlexTestApp, FlexTestApp } from './flex-test-app';

const chat: HandOff = {
  conversationId: '0d9e4c57-1f3b-4a55-8f0e-6f1f3c1b2a02',
  player: { id: '311111111111111112', displayName: 'Misty', channelId: '411111111111111112' },
  locale: 'en',
  caseNumber: 8,
  platformKey: null,
  platformRefs: {},
  transcript: [],
};
const MAX = 16 * 1024;
const png = (size: number) => Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(size - 8, 1)]);

/** Files agents send from Flex reach players only within DISCORD_ATTACHMENT_MAX_BYTES, typed by their bytes. */
describe('Flex media limits', () => {
  let app: FlexTestApp;
  let queue: JobQueue;
  let conversationSid: string;

  beforeAll(async () => {
    app = await createFlexTestApp({ env: { DISCORD_ATTACHMENT_MAX_BYTES: String(MAX), QUEUE_RETRY_BASE_MS: '40', QUEUE_RETRY_MAX_MS: '200' } });
    queue = app.app.get(JobQueue);
    conversationSid = (await app.app.get(FlexAgentPlatform).handOff(chat)).platformKey!;
    await app.fake.settle();
    await queue.drain();
  });
  afterAll(() => app.close());
  beforeEach(() => app.events.reset());

  const jobFor = (messageSid: string) => app.prisma.job.findFirst({ where: { dedupeKey: `flex:message:${messageSid}` } });

  it('passes a file within the limit with the type its bytes show, whatever Twilio was told', async () => {
    const [sent] = await app.fake.agentMessage(conversationSid, 'here', { media: [{ filename: 'screen.png', contentType: 'application/octet-stream', data: png(MAX) }] });
    await queue.drain();
    expect(app.events.of('agentMessage')[0].media[0]).toMatchObject({ filename: 'screen.png', contentType: 'image/png' });
    expect((await jobFor(sent.params.MessageSid))?.status).toBe('DONE');
  });

  it.each([
    ['over the size limit', 'big.png', png(MAX + 1)],
    ['HTML named .png', 'screen.png', Buffer.from('<!doctype html><script>alert(1)</script>')],
  ])('refuses a file %s for good, without retrying, and the player gets nothing', async (_, filename, data) => {
    const [sent] = await app.fake.agentMessage(conversationSid, 'look', { media: [{ filename, contentType: 'image/png', data }] });
    await queue.drain();
    const job = await jobFor(sent.params.MessageSid);
    expect(job).toMatchObject({ status: 'DEAD', attempts: 1 });
    expect(job!.lastError).toMatch(/DISCORD_ATTACHMENT_MAX_BYTES|not an image/);
    expect(app.events.of('agentMessage')).toEqual([]);
  });
});
