import { createServer } from 'node:net';
import { request as httpGet } from 'node:http';
import { Role } from '../../src/generated/prisma/enums';
import { askForPerson } from '../desk/desk-harness';
import { createTestApp } from '../utils/test-app';
import { createDiscordTestApp, DiscordTestApp } from '../utils/test-discord';

// The package ships no type declarations; its output follows prom2json's shape.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parsePrometheus = require('parse-prometheus-text-format') as (text: string) => Family[];
interface Family {
  name: string;
  help: string;
  type: string;
  metrics: { value?: string; labels?: Record<string, string>; buckets?: Record<string, string>; count?: string }[];
}

const TOKEN = 'metrics-token-for-tests-0123456789';
/** A sample line of the text exposition format (name, optional labels, value, optional timestamp). */
const SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? (-?[0-9.e+-]+|[+-]Inf|NaN)( -?\d+)?$/;

function strictlyParsed(text: string): Map<string, Family> {
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    expect(line).toMatch(SAMPLE);
  }
  return new Map(parsePrometheus(text).map((family) => [family.name, family]));
}

const valueOf = (families: Map<string, Family>, name: string, labels: Record<string, string> = {}) =>
  Number(families.get(name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value);

describe('GET /metrics', () => {
  let app: DiscordTestApp;

  beforeAll(async () => {
    app = await createDiscordTestApp({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => app?.close());

  const scrape = async () => {
    const res = await app.request({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return Object.assign(strictlyParsed(res.body), { text: res.body });
  };

  it('refuses a missing or wrong token', async () => {
    expect((await app.request({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const wrong = await app.request({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer not-the-token-at-all' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('parses as the Prometheus text format and shows a waiting chat once a player asks for a person', async () => {
    const before = await scrape();
    expect(valueOf(before, 'bridge_help_chats_waiting')).toBe(0);
    expect(before.get('process_cpu_user_seconds_total')?.type).toBe('COUNTER');
    expect(before.get('nodejs_eventloop_lag_seconds')).toBeDefined();

    const lead = await app.keyFor(Role.LEAD);
    expect((await app.request({ method: 'GET', url: '/api/cases', headers: lead })).statusCode).toBe(200);
    const player = app.discord.user({ username: 'waiting-player' });
    await askForPerson(app, player);

    const after = await scrape();
    expect(valueOf(after, 'bridge_help_chats_waiting')).toBe(1);
    expect(valueOf(after, 'bridge_help_chat_oldest_wait_seconds')).toBeGreaterThanOrEqual(0);
    expect(valueOf(after, 'bridge_agent_requests_total')).toBe(1);
    expect(valueOf(after, 'bridge_external_calls_total', { service: 'discord', outcome: 'ok' })).toBeGreaterThan(0);
    expect(after.get('bridge_jobs')?.type).toBe('GAUGE');
    expect(valueOf(after, 'bridge_jobs_dead')).toBe(0);
    expect(valueOf(after, 'bridge_help_first_response_seconds', { stat: 'count' })).toBe(0);
    const http = after.get('bridge_http_request_duration_seconds');
    expect(http?.type).toBe('HISTOGRAM');
    // The parser keeps a histogram's buckets but not its other labels: the sample line tells them.
    const count = /^bridge_http_request_duration_seconds_count\{method="GET",route="\/api\/cases",status="200"\} (\d+)$/m.exec(after.text);
    expect(Number(count?.[1])).toBeGreaterThanOrEqual(1);
  });

  it('reports first-response and resolution times from the case lifecycle, as GET /api/cases/stats does', async () => {
    const lead = await app.keyFor(Role.LEAD);
    const number = await askForPerson(app, app.discord.user({ username: 'answered-player' }));
    const reply = await app.request({ method: 'POST', url: `/api/cases/${number}/messages`, headers: lead, payload: { body: 'Hello, looking at it now.' } });
    expect(reply.statusCode).toBeLessThan(300);
    const chat = await app.prisma.conversation.findFirstOrThrow({ where: { case: { number } }, select: { id: true } });
    expect((await app.request({ method: 'POST', url: `/api/conversations/${chat.id}/close`, headers: lead })).statusCode).toBe(204);

    const row = await app.prisma.case.findUniqueOrThrow({ where: { number }, select: { createdAt: true, agentRequestedAt: true, firstResponseAt: true, resolvedAt: true } });
    const start = (row.agentRequestedAt ?? row.createdAt).getTime();
    const first = (row.firstResponseAt!.getTime() - start) / 1000;
    const resolution = (row.resolvedAt!.getTime() - start) / 1000;
    const stats = (await app.request({ method: 'GET', url: '/api/cases/stats', headers: lead })).json();
    const help = stats.responseTimes.byType.HELP;

    const families = await scrape();
    for (const [name, seconds, fromStats] of [
      ['bridge_help_first_response_seconds', first, help.firstResponse],
      ['bridge_help_resolution_seconds', resolution, help.resolution],
    ] as const) {
      // One answered case in this suite's database: every statistic is its time, read from the columns.
      expect(valueOf(families, name, { stat: 'count' })).toBe(1);
      expect(fromStats.count).toBe(1);
      for (const stat of ['avg', 'median', 'p90', 'max']) expect(valueOf(families, name, { stat })).toBeCloseTo(seconds, 3);
      expect(Math.round(valueOf(families, name, { stat: 'median' }))).toBe(fromStats.medianSeconds);
    }
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function get(port: number, path: string, authorization?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpGet({ host: '127.0.0.1', port, path, headers: authorization ? { authorization } : {} }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject).end();
  });
}

describe('/metrics configuration', () => {
  it('is off (404) without METRICS_TOKEN', async () => {
    const t = await createTestApp();
    try {
      expect((await t.request({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('with METRICS_PORT, is served on that port only', async () => {
    const port = await freePort();
    const t = await createTestApp({ METRICS_TOKEN: TOKEN, METRICS_PORT: String(port), HOST: '127.0.0.1' });
    try {
      expect((await t.request({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(404);
      expect((await get(port, '/metrics')).status).toBe(401);
      const ok = await get(port, '/metrics', `Bearer ${TOKEN}`);
      expect(ok.status).toBe(200);
      expect(strictlyParsed(ok.body).get('bridge_help_chats_waiting')).toBeDefined();
    } finally {
      await t.close();
    }
  });
});
