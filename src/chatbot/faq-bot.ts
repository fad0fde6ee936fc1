import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { BotAnswer, Locale, SupportBot } from '../conversations/ports';
import { botMessage } from './bot-messages';
import { smallTalkLocale, smallTalkOf } from './intent/small-talk';
import { wantsLiveAgent, warmUpLiveAgentIntent } from './intent/live-agent-intent';
import { AnswerWriter } from './llm/answer-writer';
import { SuggestionStore } from './feedback/suggestion-store';
import { excerptOf } from './retrieval/excerpt';
import { RetrieverSource } from './retrieval/knowledge-index';
import { detectLanguage } from './text/language';

/**
 * The support bot: small talk, then retrieval over the knowledge base (BM25F in memory, language
 * detection, a fitted "found nothing" decision), then optionally a short written answer
 * grounded in the retrieved articles. Always answers in the language it names in `locale`.
 */
@Injectable()
export class FaqBot extends SupportBot implements OnModuleInit {
  private readonly logger = new Logger(FaqBot.name);

  constructor(
    private readonly source: RetrieverSource,
    private readonly suggestions: SuggestionStore,
    private readonly writer: AnswerWriter,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    warmUpLiveAgentIntent();
  }

  wantsHuman(text: string): boolean {
    return wantsLiveAgent(text);
  }

  async answer(question: string, hint: Locale): Promise<BotAnswer> {
    const talk = smallTalkOf(question);
    if (talk) {
      const locale = detectLanguage(question)?.locale ?? smallTalkLocale(question) ?? hint;
      const key = talk === 'not-helpful' ? 'notHelpful' : talk;
      return { kind: talk, text: botMessage(locale, key), articles: [], fallback: talk === 'not-helpful', locale };
    }
    const found = (await this.source.retriever()).retrieve(question, hint);
    const locale = found.locale;
    if (!found.confident) return { kind: 'fallback', text: botMessage(locale, 'nothingFound'), articles: [], fallback: true, locale };
    let articles = found.hits.map(({ article }) => ({
      slug: article.slug,
      title: article.title,
      excerpt: excerptOf(article.body, question),
      url: this.articleUrl(locale, article.slug),
    }));
    let text = botMessage(locale, 'found');
    if (this.writer.enabled) {
      const sources = found.hits.map(({ article }) => ({ slug: article.slug, title: article.title, body: article.body, url: this.articleUrl(locale, article.slug) }));
      const written = await this.writer.write(question, locale, sources);
      if (written.kind === 'not-covered') return { kind: 'fallback', text: botMessage(locale, 'nothingFound'), articles: [], fallback: true, locale };
      if (written.kind === 'answer') {
        text = written.text;
        // The articles the answer relies on come first; they are its links.
        articles = [...articles.filter((a) => written.cited.includes(a.slug)), ...articles.filter((a) => !written.cited.includes(a.slug))];
      }
    }
    // Statistics, not the player's data: written beside the answer rather than before it (a vote
    // comes seconds later at the earliest); a failed write only costs that suggestion's vote.
    const feedbackId = randomUUID();
    const slugs = articles.map((a) => a.slug);
    setImmediate(() => void this.suggestions.record(feedbackId, locale, slugs).catch((error: unknown) => this.logger.warn({ err: error }, 'Recording a suggestion failed')));
    const feedbackLabels = { yes: botMessage(locale, 'feedbackYes'), no: botMessage(locale, 'feedbackNo') };
    return { kind: 'answer', text, articles, fallback: false, locale, feedbackId, feedbackLabels };
  }

  articleUrl(locale: string, slug: string): string {
    const base = (this.config.PUBLIC_URL ?? `http://localhost:${this.config.PORT}`).replace(/\/$/, '');
    return `${base}/kb/${locale}/${slug}`;
  }
}
