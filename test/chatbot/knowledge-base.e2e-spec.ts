import { Role } from '../../src/generated/prisma/enums';
import { createTestApp, TestApp } from '../utils/test-app';

describe('knowledge base API', () => {
  let app: TestApp;
  let lead: { authorization: string };
  let viewer: { authorization: string };

  beforeAll(async () => {
    app = await createTestApp(); // KB_IMPORT_ON_EMPTY defaults to true: the starter articles load at boot
    lead = await app.keyFor(Role.LEAD);
    viewer = await app.keyFor(Role.VIEWER);
  });
  afterAll(() => app.close());

  it('loads the starter knowledge base at first boot', async () => {
    const response = await app.request({ method: 'GET', url: '/api/kb/articles?locale=de', headers: viewer });
    expect(response.statusCode).toBe(200);
    expect(response.json().length).toBeGreaterThanOrEqual(30);
    expect(await app.prisma.article.count()).toBeGreaterThanOrEqual(150);
    // The files' example questions come along, one per line of the questions: block.
    const battery = response.json().find((a: { slug: string }) => a.slug === 'battery-overheating');
    expect(battery.questions.length).toBeGreaterThanOrEqual(14);
    expect(battery.questions.every((q: string) => q.length > 0 && !q.startsWith('-'))).toBe(true);
  });

  it('searches in the language asked, with stemming of that language', async () => {
    const fr = await app.request({ method: 'GET', url: `/api/kb/search?q=${encodeURIComponent('je veux un remboursement de mon achat')}&locale=fr`, headers: viewer });
    expect(fr.statusCode).toBe(200);
    const hits = fr.json();
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit: { locale: string }) => hit.locale === 'fr')).toBe(true);
    expect(hits.map((hit: { slug: string }) => hit.slug)).toContain('refunds');
    expect(hits[0].excerpt.length).toBeGreaterThan(20);

    const de = await app.request({ method: 'GET', url: `/api/kb/search?q=${encodeURIComponent('Rückerstattung')}&locale=de`, headers: viewer });
    expect(de.json().map((hit: { slug: string }) => hit.slug)).toContain('refunds');
  });

  it('ranks with the bot\'s retriever: missing accents, typos and what players call things', async () => {
    const search = async (q: string, locale: string) =>
      (await app.request({ method: 'GET', url: `/api/kb/search?q=${encodeURIComponent(q)}&locale=${locale}`, headers: viewer })).json().map((hit: { slug: string }) => hit.slug);
    expect(await search('Ruckerstattung', 'de')).toContain('refunds'); // ü typed as u
    expect((await search('remboursment', 'fr'))[0]).toBe('refunds'); // a letter missing
    expect(await search('meine gems sind weg', 'de')).toContain('missing-gems'); // an alias, not a word of the article's title
  });

  it('returns nothing rather than failing on words it does not know or only stop words', async () => {
    for (const q of ['zzzqqq', 'the and of']) {
      const response = await app.request({ method: 'GET', url: `/api/kb/search?q=${encodeURIComponent(q)}&locale=en`, headers: viewer });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual([]);
    }
  });

  it('lets leads create, edit and delete articles; others only read', async () => {
    const payload = { slug: 'winter-festival', locale: 'en', title: 'Winter festival', body: 'The winter festival brings snow creatures and double candy.', tags: ['events'] };
    expect((await app.request({ method: 'POST', url: '/api/kb/articles', headers: viewer, payload })).statusCode).toBe(403);
    const created = await app.request({ method: 'POST', url: '/api/kb/articles', headers: lead, payload });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await app.request({ method: 'POST', url: '/api/kb/articles', headers: lead, payload })).json().code).toBe('article_exists');

    const found = await app.request({ method: 'GET', url: '/api/kb/search?q=snow%20festival&locale=en', headers: viewer });
    expect(found.json()[0].slug).toBe('winter-festival');

    const patched = await app.request({ method: 'PATCH', url: `/api/kb/articles/${id}`, headers: lead, payload: { title: 'Winter festival 2026' } });
    expect(patched.json().title).toBe('Winter festival 2026');
    expect((await app.request({ method: 'DELETE', url: `/api/kb/articles/${id}`, headers: lead })).statusCode).toBe(204);
    expect((await app.request({ method: 'GET', url: `/api/kb/articles/${id}`, headers: viewer })).statusCode).toBe(404);
  });

  it('rejects bad articles with the fields named', async () => {
    const response = await app.request({ method: 'POST', url: '/api/kb/articles', headers: lead, payload: { slug: 'Bad Slug', locale: 'it', title: '', body: 'x', extra: 1, questions: ['ok', 'x'.repeat(301)] } });
    expect(response.statusCode).toBe(400);
    const fields = response.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['slug', 'locale', 'title', 'extra', 'questions']));
  });

  it('serves the public article page a bot suggestion links to', async () => {
    const response = await app.request({ method: 'GET', url: '/kb/es/refunds' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<h1>');
  });
});
