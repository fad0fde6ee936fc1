import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import type { APIUser } from 'discord-api-types/v10';
import { Role } from '../../src/generated/prisma/enums';
import { eventually } from '../utils/eventually';
import { createDiscordTestApp, DiscordTestApp } from '../utils/test-discord';
import { GeneratedRequest, KnownValues, OpenApiDocument, operationsOf, requestArbitrary } from './openapi-arbitraries';

/**
 * Requests generated from the live OpenAPI document (/docs/json) for every operation and role,
 * against the real app with the fake Discord: none may answer 5xx, and every error must be
 * problem+json. Seeded and bounded; `npm run fuzz -- --requests N [--seed S]` runs it longer.
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
jest.setTimeout(Math.max(300_000, REQUESTS * 100));

describe('API fuzzing from the OpenAPI document', () => {
  let app: DiscordTestApp;
  let roles: Record<string, Record<string, string>>;
  let known: KnownValues;
  let weights: Record<string, number>;

  beforeAll(async () => {
    app = await createDiscordTestApp({ RATE_LIMIT_PER_MINUTE: '100000000', BODY_LIMIT_BYTES: String(256 * 1024) });
    const [viewer, agent, lead] = [await app.keyFor(Role.VIEWER, 'fuzz-viewer'), await app.keyFor(Role.AGENT, 'fuzz-agent'), await app.keyFor(Role.LEAD, 'fuzz-lead')];
    roles = {
      anonymous: {},
      'unknown key': { authorization: 'Bearer bk_not-a-key-0000000000000000000000000' },
      'malformed header': { authorization: 'Basic Zm9vOmJhcg==' },
      viewer,
      agent,
      lead,
    };
    // Requests with a key go further into the code: they are drawn more often.
    weights = { anonymous: 1, 'unknown key': 1, 'malformed header': 1, viewer: 2, agent: 3, lead: 4 };
    known = await seed(app, lead);
  });
  afterAll(() => app?.close());

  it(`answers ${REQUESTS} generated requests with no 5xx, and every error as problem+json`, async () => {
    const document = (await app.request({ method: 'GET', url: '/docs/json' })).json() as OpenApiDocument;
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(20);
    const seen = new Map<string, number>();
    const statuses = new Map<number, number>();
    const byOperation: Record<string, Record<number, number>> = {};
    let fiveHundreds = 0;
    const started = Date.now();

    const check = async (request: GeneratedRequest & { role: string }) => {
      const res = await app.request({ method: request.method as 'GET', url: request.url, headers: request.headers, payload: request.payload });
      seen.set(`${request.operation} as ${request.role}`, (seen.get(`${request.operation} as ${request.role}`) ?? 0) + 1);
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      const counts = (byOperation[request.operation] ??= {});
      counts[res.statusCode] = (counts[res.statusCode] ?? 0) + 1;
      if (res.statusCode >= 500) {
        fiveHundreds++;
        throw new Error(`${request.method} ${request.url.slice(0, 300)} as ${request.role} answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
      }
      if (res.statusCode >= 400) {
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json()).toMatchObject({ status: res.statusCode, code: expect.any(String), detail: expect.any(String) });
      }
    };

    // First every operation once with every role (so each pair is tried whatever the draw), then the random run.
    for (const operation of operations) {
      for (const name of Object.keys(roles)) {
        const [request] = fc.sample(requestArbitrary([operation], { [name]: roles[name] }, known), { seed: SEED, numRuns: 1 });
        await check(request);
      }
    }
    await fc.assert(fc.asyncProperty(requestArbitrary(operations, roles, known, weights), check), { seed: SEED, numRuns: REQUESTS, endOnFailure: true });

    const summary = {
      requests: [...statuses.values()].reduce((a, b) => a + b, 0),
      operations: operations.length,
      roles: Object.keys(roles).length,
      operationRolePairsHit: seen.size,
      fiveHundreds,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      seed: SEED,
      statuses: Object.fromEntries([...statuses.entries()].sort(([a], [b]) => a - b)),
      byOperation,
    };
    if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(summary, null, 2));
    expect(seen.size).toBe(operations.length * Object.keys(roles).length);
  });
});

/** Rows the generated requests can find: cases (one with a help chat), an article, a dead job. */
async function seed(app: DiscordTestApp, lead: Record<string, string>): Promise<KnownValues> {
  const bug = await app.request({ method: 'POST', url: '/api/cases', headers: lead, payload: { type: 'BUG', title: 'Seed bug', description: 'For the fuzzer' } });
  const article = await app.request({ method: 'POST', url: '/api/kb/articles', headers: lead, payload: { slug: 'fuzz-seed', locale: 'en', title: 'Seed', body: 'Seed article', tags: ['seed'] } });
  const players: APIUser[] = [app.discord.user({ username: 'fuzz-player-1' }), app.discord.user({ username: 'fuzz-player-2' })];
  for (const user of players) app.discord.dispatchMessage({ user, content: 'I want to talk to a human' });
  const chats = await eventually(async () => {
    const rows = await app.prisma.conversation.findMany({ where: { platform: 'leads' }, include: { case: true } });
    return rows.length === players.length ? rows : undefined;
  }, 10_000, 'the seeded help chats');
  const victim = await app.request({ method: 'POST', url: '/api/keys', headers: lead, payload: { name: 'victim-key', role: 'VIEWER', displayName: 'Victim' } });
  return {
    number: [String(bug.json().number), ...chats.map((c) => String(c.case!.number)), `#${bug.json().number}`],
    id: [article.json().id, ...chats.map((c) => c.id)],
    idOrName: ['victim-key', victim.json().apiKey.id],
    locale: ['en', 'fr'],
    slug: ['fuzz-seed', 'account-recovery'],
    cursor: [],
  };
}
