import { Role } from '../../src/generated/prisma/enums';
import { createTestApp, TestApp } from '../utils/test-app';
import { createTestDatabase } from '../utils/test-database';
import { withSql } from './replica-helpers';

/**
 * DATABASE_READ_URL: the case list and counts read from the replica, everything else from the
 * primary. A second database stands in for a replica that has not caught up yet, so where each
 * read went shows in what it returns.
 */
describe('a read replica for the case list', () => {
  let t: TestApp;
  let replica: { url: string; drop: () => Promise<void> };
  let lead: { authorization: string };

  beforeAll(async () => {
    replica = await createTestDatabase();
    t = await createTestApp({ DATABASE_READ_URL: replica.url });
    lead = await t.keyFor(Role.LEAD);
  });
  afterAll(async () => {
    await t?.close();
    await replica?.drop();
  });

  it('writes and single reads go to the primary, the list and counts to the replica', async () => {
    const created = await t.request({ method: 'POST', url: '/api/cases', headers: lead, payload: { type: 'BUG', title: 'Only on the primary', description: 'Not replicated yet' } });
    expect(created.statusCode).toBe(201);
    const { number } = created.json() as { number: number };
    expect((await t.request({ method: 'GET', url: `/api/cases/${number}`, headers: lead })).json()).toMatchObject({ number, title: 'Only on the primary' });
    expect((await t.request({ method: 'GET', url: '/api/cases', headers: lead })).json()).toMatchObject({ items: [] });
    expect((await t.request({ method: 'GET', url: '/api/cases/stats', headers: lead })).json()).toMatchObject({ total: 0 });

    // The replica catches up: the list shows the case.
    await withSql(replica.url, (sql) =>
      sql.query(`INSERT INTO "Case" (id, number, type, title, description, "reporterName", "updatedAt") VALUES (gen_random_uuid(), $1, 'BUG', 'Only on the primary', 'Not replicated yet', 'lead', now())`, [number]),
    );
    const listed = (await t.request({ method: 'GET', url: '/api/cases', headers: lead })).json() as { items: { number: number }[] };
    expect(listed.items.map((c) => c.number)).toEqual([number]);
    expect((await t.request({ method: 'GET', url: '/api/cases/stats', headers: lead })).json()).toMatchObject({ total: 1, open: 1 });
  });
});
