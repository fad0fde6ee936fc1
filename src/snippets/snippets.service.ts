import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { isUniqueViolation } from '../common/prisma-errors';
import { LOCALES, Locale } from '../conversations/ports/locale';
import { PrismaService } from '../database/prisma.service';

export type SnippetTexts = Partial<Record<Locale, string>>;

export interface SnippetView {
  name: string;
  texts: SnippetTexts;
  updatedBy: string;
  updatedAt: Date;
}

export const SNIPPET_NAME = /^[a-z0-9][a-z0-9_-]{0,49}$/;
export const SNIPPET_TEXT_MAX = 1800;

const toView = (row: { name: string; texts: unknown; updatedBy: string; updatedAt: Date }): SnippetView => ({
  name: row.name,
  texts: row.texts as SnippetTexts,
  updatedBy: row.updatedBy,
  updatedAt: row.updatedAt,
});

/**
 * Saved answers for staff, one text per language with English as the fallback: managed by
 * /snippet in Discord and /api/snippets, used by /snippet send in a staff thread.
 */
@Injectable()
export class SnippetsService {
  constructor(private readonly prisma: PrismaService) {}

  async list(): Promise<SnippetView[]> {
    return (await this.prisma.snippet.findMany({ orderBy: { name: 'asc' }, take: 500 })).map(toView);
  }

  async get(name: string): Promise<SnippetView> {
    const row = await this.prisma.snippet.findUnique({ where: { name: normalized(name) } });
    if (!row) throw DomainError.notFound(`Snippet "${name}"`);
    return toView(row);
  }

  async create(name: string, texts: SnippetTexts, actor: string): Promise<SnippetView> {
    const clean = checked(texts);
    if (!clean.en) throw DomainError.validation([{ field: 'texts.en', messages: ['a snippet needs its English text (the fallback for every other language)'] }]);
    try {
      return toView(await this.prisma.snippet.create({ data: { name: validName(name), texts: clean, updatedBy: actor.slice(0, 100) } }));
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainError.conflict('snippet_exists', `A snippet named "${name}" exists already: edit it instead`);
      throw error;
    }
  }

  /** Sets the given languages' texts (others stay); the English text cannot be removed. */
  async edit(name: string, texts: SnippetTexts, actor: string): Promise<SnippetView> {
    const current = await this.get(name);
    const merged = { ...current.texts, ...checked(texts) };
    const { count } = await this.prisma.snippet.updateMany({ where: { name: current.name }, data: { texts: merged, updatedBy: actor.slice(0, 100) } });
    if (count === 0) throw DomainError.notFound(`Snippet "${name}"`);
    return this.get(name);
  }

  async remove(name: string): Promise<void> {
    const { count } = await this.prisma.snippet.deleteMany({ where: { name: normalized(name) } });
    if (count === 0) throw DomainError.notFound(`Snippet "${name}"`);
  }

  /** The text in `locale`, else English. */
  async textFor(name: string, locale: Locale): Promise<{ text: string; locale: Locale }> {
    const { texts } = await this.get(name);
    if (texts[locale]) return { text: texts[locale], locale };
    return { text: texts.en ?? Object.values(texts)[0] ?? '', locale: 'en' };
  }
}

const normalized = (name: string) => name.trim().toLowerCase();

function validName(name: string): string {
  const clean = normalized(name);
  if (!SNIPPET_NAME.test(clean)) throw DomainError.validation([{ field: 'name', messages: ['name must be 1 to 50 lowercase letters, digits, "-" or "_"'] }]);
  return clean;
}

function checked(texts: SnippetTexts): SnippetTexts {
  const clean: SnippetTexts = {};
  for (const [locale, text] of Object.entries(texts)) {
    if (text === undefined) continue;
    if (!(LOCALES as readonly string[]).includes(locale)) throw DomainError.validation([{ field: `texts.${locale}`, messages: [`the language must be one of ${LOCALES.join(', ')}`] }]);
    const trimmed = String(text).trim();
    if (!trimmed || trimmed.length > SNIPPET_TEXT_MAX) throw DomainError.validation([{ field: `texts.${locale}`, messages: [`the text must be 1 to ${SNIPPET_TEXT_MAX} characters`] }]);
    clean[locale as Locale] = trimmed;
  }
  return clean;
}
