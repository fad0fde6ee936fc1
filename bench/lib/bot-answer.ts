import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { FaqBot } from '../../src/chatbot/faq-bot';
import { PrismaSuggestionStore } from '../../src/chatbot/feedback/prisma-suggestion-store';
import { DisabledAnswerWriter } from '../../src/chatbot/llm/answer-writer';
import { KnowledgeIndex } from '../../src/chatbot/retrieval/knowledge-index';
import { AppConfig } from '../../src/config/app-config';
import { PrismaService } from '../../src/database/prisma.service';
import { loadPlayerCases } from '../../eval/bot/load';
import { ROOT } from './paths';
import { percentile } from '../../eval/bot/metrics';

export interface BotAnswerResult {
  articles: number;
  indexMs: number;
  calls: number;
  /** First pass over the questions: nothing cached yet (typo expansions are memoised per word). */
  coldP50: number;
  coldP99: number;
  p50: number;
  p99: number;
  maxMs: number;
  /** Retrieval alone (no small talk, no suggestion write), one pass: where the time goes. */
  retrieveP99: number;
}

/**
 * `FaqBot.answer` in process against the benchmark's database: the real index built from every
 * article (KnowledgeIndex), the real suggestion insert (PrismaSuggestionStore), the 271 player
 * messages of eval/bot (answers and fallbacks, five languages), one caller after another.
 */
export async function measureBotAnswer(databaseUrl: string, passes: number): Promise<BotAnswerResult> {
  const prisma = new PrismaService(databaseUrl, 2);
  try {
    const index = new KnowledgeIndex(prisma);
    const bot = new FaqBot(index, new PrismaSuggestionStore(prisma), new DisabledAnswerWriter(), plainToInstance(AppConfig, { PUBLIC_URL: 'https://support.example.test' }));
    const started = Date.now();
    await index.retriever();
    const indexMs = Date.now() - started;
    const cases = loadPlayerCases(join(ROOT, 'eval', 'bot'));
    await bot.answer('warm up the connection pool', 'en');
    const times: number[] = [];
    let cold: number[] = [];
    for (let pass = 0; pass < passes; pass++) {
      for (const c of cases) {
        // One message per event-loop turn, as the service gets them: the suggestion writes of the
        // previous answers complete between calls instead of piling up behind a microtask chain.
        await new Promise((resolve) => setImmediate(resolve));
        const t0 = process.hrtime.bigint();
        await bot.answer(c.text, c.discordLocale);
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      if (pass === 0) cold = [...times];
    }
    const retriever = await index.retriever();
    const retrieval: number[] = [];
    for (const c of cases) {
      const t0 = process.hrtime.bigint();
      retriever.retrieve(c.text, c.discordLocale);
      retrieval.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return {
      retrieveP99: percentile(retrieval, 99),
      articles: await prisma.article.count(),
      indexMs,
      calls: times.length,
      coldP50: percentile(cold, 50),
      coldP99: percentile(cold, 99),
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      maxMs: Math.max(...times),
    };
  } finally {
    await prisma.$disconnect();
  }
}
