import { join } from 'node:path';
import { Client } from 'pg';
import { ArticlesService } from '../../src/chatbot/articles.service';
import { ArticleFile, readKnowledgeBase } from '../../src/chatbot/kb-files';
import { LOCALES } from '../../src/chatbot/locales';
import type { Locale } from '../../src/conversations/ports';
import { PrismaService } from '../../src/database/prisma.service';
import { CONTEXTS } from '../data/kb-variations';
import { ROOT } from './paths';
import { pick, seededRandom } from './random';

/**
 * `total` articles spread evenly over the five languages: the starter articles of kb/ (which the
 * service imports itself at first boot) plus variants of them: a context in the title and body,
 * and one paragraph borrowed from another article of the same language.
 */
export function generateArticles(total: number): ArticleFile[] {
  const random = seededRandom(11);
  const starters = readKnowledgeBase(join(ROOT, 'kb'));
  const perLocale = Math.floor(total / LOCALES.length);
  const variants: ArticleFile[] = [];
  for (const locale of LOCALES) {
    const own = starters.filter((article) => article.locale === locale);
    const paragraphs = own.flatMap((article) => article.body.split(/\n\s*\n/).filter((p) => p.length > 60));
    const contexts = CONTEXTS[locale as Locale];
    for (let i = 0; i < perLocale - own.length; i++) {
      const base = own[i % own.length];
      const context = contexts[Math.floor(i / own.length) % contexts.length];
      const round = Math.floor(i / (own.length * contexts.length));
      variants.push({
        slug: `${base.slug}-v${i}`,
        locale,
        title: `${base.title} — ${context}${round ? ` (${round + 1})` : ''}`.slice(0, 200),
        tags: base.tags,
        keywords: base.keywords,
        aliases: base.aliases,
        questions: base.questions,
        body: `${base.body}\n\n(${context})\n\n${pick(random, paragraphs)}`,
      });
    }
  }
  return variants;
}

/** Loads the variants through the service's own import (ArticlesService.importArticles), then ANALYZE. */
export async function seedArticles(databaseUrl: string, total: number): Promise<{ articles: number; seconds: number }> {
  const started = Date.now();
  const prisma = new PrismaService(databaseUrl, 2);
  try {
    await new ArticlesService(prisma).importArticles(generateArticles(total));
  } finally {
    await prisma.$disconnect();
  }
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('VACUUM (ANALYZE) "Article"');
    const count = await client.query<{ n: string }>('SELECT count(*) AS n FROM "Article"');
    return { articles: Number(count.rows[0].n), seconds: (Date.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}
