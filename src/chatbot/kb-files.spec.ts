import { join } from 'node:path';
import { parseArticleFile, readKnowledgeBase } from './kb-files';
import { LOCALES } from './locales';

describe('knowledge-base files', () => {
  it('parses front matter and body', () => {
    const article = parseArticleFile('---\nslug: refunds\nlocale: fr\ntitle: Remboursements\ntags: [refund, payment]\naliases: [rembourser, refund, argent rendu]\n---\nCorps **markdown**.\n', 'x.md');
    expect(article).toEqual({
      slug: 'refunds',
      locale: 'fr',
      title: 'Remboursements',
      tags: ['refund', 'payment'],
      keywords: [],
      aliases: ['rembourser', 'refund', 'argent rendu'],
      questions: [],
      body: 'Corps **markdown**.',
    });
  });

  it('reads a questions block, one question a line, up to the next field', () => {
    const article = parseArticleFile('---\nslug: refunds\nlocale: fr\ntitle: R\nquestions:\n  - mon fils a payé avec ma carte\n  -   rembourser svp  \ntags: [refund]\n---\nCorps', 'x.md');
    expect(article.questions).toEqual(['mon fils a payé avec ma carte', 'rembourser svp']);
    expect(article.tags).toEqual(['refund']);
  });

  it('names the file and the missing field on bad input', () => {
    expect(() => parseArticleFile('no front matter', 'en/a.md')).toThrow('en/a.md: missing the --- front matter block');
    expect(() => parseArticleFile('---\nslug: a\nlocale: en\n---\nbody', 'en/a.md')).toThrow('en/a.md: front matter needs "title"');
  });

  it('ships at least 30 articles in each of the five languages, each slug translated everywhere', () => {
    const articles = readKnowledgeBase(join(__dirname, '..', '..', 'kb'));
    const slugsByLocale = new Map(LOCALES.map((locale) => [locale, new Set(articles.filter((a) => a.locale === locale).map((a) => a.slug))]));
    for (const locale of LOCALES) expect(slugsByLocale.get(locale)!.size).toBeGreaterThanOrEqual(30);
    const english = [...slugsByLocale.get('en')!].sort();
    for (const locale of LOCALES) expect([...slugsByLocale.get(locale)!].sort()).toEqual(english);
  });
});
