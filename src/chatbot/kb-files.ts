import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES } from './locales';

export interface ArticleFile {
  slug: string;
  locale: string;
  title: string;
  tags: string[];
  /** Topic words and players' names for things; optional in the front matter. */
  keywords: string[];
  aliases: string[];
  /** Example questions players ask that the article answers (a `questions:` block of `  - ` lines). */
  questions: string[];
  body: string;
}

/**
 * Reads `kb/<locale>/<slug>.md`: a front matter block (slug, locale, title, tags: [a, b], optional
 * keywords: [...], aliases: [...] and a `questions:` block with one `  - question` per line) then
 * the Markdown body. The format is deliberately small, so no YAML library is needed.
 */
export function parseArticleFile(text: string, origin: string): ArticleFile {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${origin}: missing the --- front matter block`);
  const fields: Record<string, string> = {};
  const blocks: Record<string, string[]> = {};
  let block: string[] | undefined;
  for (const line of match[1].split(/\r?\n/)) {
    const item = /^\s+-\s+(.*)$/.exec(line);
    if (item && block) {
      if (item[1].trim()) block.push(item[1].trim());
      continue;
    }
    const field = /^(\w+):\s*(.*)$/.exec(line.trim());
    block = undefined;
    if (!field) continue;
    fields[field[1]] = field[2].trim();
    if (!field[2].trim()) blocks[field[1]] = block = [];
  }
  for (const key of ['slug', 'locale', 'title']) {
    if (!fields[key]) throw new Error(`${origin}: front matter needs "${key}"`);
  }
  const list = (value: string | undefined) =>
    (value ?? '')
      .replace(/^\[|\]$/g, '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  return {
    slug: fields.slug,
    locale: fields.locale,
    title: fields.title,
    tags: list(fields.tags),
    keywords: list(fields.keywords),
    aliases: list(fields.aliases),
    questions: blocks.questions ?? [],
    body: match[2].trim(),
  };
}

export function readKnowledgeBase(root: string): ArticleFile[] {
  const articles: ArticleFile[] = [];
  for (const locale of LOCALES) {
    let names: string[];
    try {
      names = readdirSync(join(root, locale)).filter((name) => name.endsWith('.md'));
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const origin = `${locale}/${name}`;
      const article = parseArticleFile(readFileSync(join(root, locale, name), 'utf8'), origin);
      if (article.locale !== locale) throw new Error(`${origin}: locale "${article.locale}" does not match its folder`);
      articles.push(article);
    }
  }
  return articles;
}
