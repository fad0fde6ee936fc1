import { Gauge } from 'prom-client';
import { Prisma } from '../../generated/prisma/client';
import type { BridgeMetrics } from './bridge-metrics';
import { FIRST_RESPONSE_SECONDS, RESOLUTION_SECONDS, RESOLVED_AT } from '../../cases/case-response-stats';
import type { PrismaService } from '../../database/prisma.service';

/** The window first-response and resolution times are summarised over. */
const WINDOW_HOURS = 24;

/**
 * Gauges read from Postgres when Prometheus scrapes, so every replica reports the same shared state:
 * the job queue, waiting help chats, and help response times. Response times read the case's
 * lifecycle columns (agentRequestedAt, firstResponseAt, resolvedAt) with the very expressions of
 * GET /api/cases/stats, so the two agree; the window is on when the response or resolution happened.
 */
export function registerDatabaseGauges(metrics: BridgeMetrics, prisma: PrismaService): () => void {
  const registers = [metrics.registry];
  // prom-client collects every metric of a scrape concurrently: the queries run once per scrape
  // (the returned function starts a scrape) and each gauge sets its own values from the snapshot.
  let current: Promise<Snapshot> | undefined;
  const snapshot = () => (current ??= readSnapshot(prisma));
  new Gauge({
    name: 'bridge_jobs',
    help: 'Jobs by kind and state (finished ones are not counted)',
    labelNames: ['kind', 'state'] as const,
    registers,
    async collect() {
      this.reset();
      for (const row of (await snapshot()).jobs) this.set({ kind: row.kind, state: row.status }, Number(row.n));
    },
  });
  new Gauge({
    name: 'bridge_job_oldest_age_seconds',
    help: 'Age of the oldest job by kind and state',
    labelNames: ['kind', 'state'] as const,
    registers,
    async collect() {
      this.reset();
      for (const row of (await snapshot()).jobs) this.set({ kind: row.kind, state: row.status }, Math.max(0, row.age));
    },
  });
  new Gauge({
    name: 'bridge_jobs_dead',
    help: 'Jobs given up on (see GET /api/queue/dead)',
    registers,
    async collect() {
      this.set((await snapshot()).jobs.filter((row) => row.status === 'DEAD').reduce((sum, row) => sum + Number(row.n), 0));
    },
  });
  new Gauge({
    name: 'bridge_help_chats_waiting',
    help: 'Help chats waiting for a person',
    registers,
    async collect() {
      this.set(Number((await snapshot()).chats.n));
    },
  });
  new Gauge({
    name: 'bridge_help_chat_oldest_wait_seconds',
    help: 'How long the longest-waiting help chat has waited for a person',
    registers,
    async collect() {
      this.set(Math.max(0, (await snapshot()).chats.age ?? 0));
    },
  });
  new Gauge({
    name: 'bridge_help_first_response_seconds',
    help: `Time from a player asking for a person to the first response, HELP cases answered in the last ${WINDOW_HOURS} h (stat: avg, median, p90, max, count)`,
    labelNames: ['stat'] as const,
    registers,
    async collect() {
      setStats(this, (await snapshot()).first);
    },
  });
  new Gauge({
    name: 'bridge_help_resolution_seconds',
    help: `Time from a player asking for a person to resolution, HELP cases resolved in the last ${WINDOW_HOURS} h (stat: avg, median, p90, max, count)`,
    labelNames: ['stat'] as const,
    registers,
    async collect() {
      setStats(this, (await snapshot()).resolved);
    },
  });
  return () => {
    current = undefined;
  };
}

type Stats = { avg: number | null; median: number | null; p90: number | null; max: number | null; n: bigint };
interface Snapshot {
  jobs: { kind: string; status: string; n: bigint; age: number }[];
  chats: { n: bigint; age: number | null };
  first: Stats;
  resolved: Stats;
}

async function readSnapshot(prisma: PrismaService): Promise<Snapshot> {
  const jobs = await prisma.$queryRaw<Snapshot['jobs']>`
    SELECT kind, status::text AS status, count(*) AS n, EXTRACT(EPOCH FROM now() - min("createdAt"))::float8 AS age
    FROM "Job" WHERE status <> 'DONE' GROUP BY kind, status`;
  const [chats] = await prisma.$queryRaw<Snapshot['chats'][]>`
    SELECT count(*) AS n, EXTRACT(EPOCH FROM now() - min(COALESCE(c."createdAt", v."updatedAt")))::float8 AS age
    FROM "Conversation" v LEFT JOIN "Case" c ON c.id = v."caseId" WHERE v.mode = 'AGENT_REQUESTED'`;
  const stats = (seconds: Prisma.Sql, at: Prisma.Sql) => prisma.$queryRaw<Stats[]>`
    SELECT avg(s)::float8 AS avg, percentile_cont(0.5) WITHIN GROUP (ORDER BY s) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY s) AS p90,
      max(s)::float8 AS max, count(*) AS n
    FROM (SELECT ${seconds} AS s FROM "Case" WHERE type = 'HELP' AND ${at} > now() - make_interval(hours => ${WINDOW_HOURS})) t`;
  const [[first], [resolved]] = await Promise.all([stats(FIRST_RESPONSE_SECONDS, Prisma.sql`"firstResponseAt"`), stats(RESOLUTION_SECONDS, RESOLVED_AT)]);
  return { jobs, chats, first, resolved };
}

function setStats(gauge: Gauge<'stat'>, row: Stats): void {
  gauge.set({ stat: 'avg' }, row.avg ?? 0);
  gauge.set({ stat: 'median' }, row.median ?? 0);
  gauge.set({ stat: 'p90' }, row.p90 ?? 0);
  gauge.set({ stat: 'max' }, row.max ?? 0);
  gauge.set({ stat: 'count' }, Number(row.n));
}
