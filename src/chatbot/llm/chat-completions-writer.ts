import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import type { Locale } from '../../conversations/ports';
import { checkAnswer } from './answer-guard';
import { AnswerWriter, SourceArticle, WrittenAnswer } from './answer-writer';
import { buildMessages, NOT_COVERED } from './prompt';

interface Completion {
  choices?: { message?: { content?: string | null } }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number };
}

/** `{"answer": ..., "sources": [...]}`, possibly inside a Markdown code fence. */
function parseReply(content: string): { answer: string; sources: string[] } | null {
  const json = content.replace(/^\s*```(?:json)?\s*|\s*```\s*$/g, '');
  try {
    const value = JSON.parse(json) as { answer?: unknown; sources?: unknown };
    if (typeof value.answer !== 'string' || !Array.isArray(value.sources)) return null;
    return { answer: value.answer.trim(), sources: value.sources.filter((s): s is string => typeof s === 'string') };
  } catch {
    return null;
  }
}

/**
 * Short answers written by an OpenAI-compatible chat-completions API (`POST <base>/chat/completions`,
 * the request and response shapes of https://platform.openai.com/docs/api-reference/chat), grounded
 * in the retrieved articles only. Anything off (a timeout, an error, an unparsable or unsafe reply)
 * gives `unavailable` and the player gets the article list. Tokens and latency are logged per call.
 */
@Injectable()
export class ChatCompletionsWriter extends AnswerWriter {
  readonly enabled = true;
  private readonly logger = new Logger(ChatCompletionsWriter.name);

  constructor(private readonly config: AppConfig) {
    super();
  }

  async write(question: string, locale: Locale, articles: SourceArticle[]): Promise<WrittenAnswer> {
    const canary = randomBytes(6).toString('hex');
    const started = Date.now();
    const result = await this.call(buildMessages(question, locale, articles, canary)).catch((error: unknown) => ({ error }));
    const ms = Date.now() - started;
    if ('error' in result) {
      const timedOut = errorName(result.error) === 'TimeoutError';
      this.logger.warn({ llm: { model: this.config.BOT_LLM_MODEL, ms, outcome: timedOut ? 'timeout' : 'error' }, err: timedOut ? undefined : result.error }, `AI answer ${timedOut ? 'timed out' : 'failed'} after ${ms} ms; showing articles`);
      return { kind: 'unavailable', reason: timedOut ? 'timeout' : 'error' };
    }
    const usage = result.usage ?? {};
    const content = result.choices?.[0]?.message?.content?.trim() ?? '';
    const outcome = this.judge(content, articles, canary);
    this.logger.log(
      { llm: { model: this.config.BOT_LLM_MODEL, ms, promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens, totalTokens: usage.total_tokens, outcome: outcome.kind === 'unavailable' ? outcome.reason : outcome.kind } },
      `AI answer: ${outcome.kind} in ${ms} ms (${usage.total_tokens ?? '?'} tokens)`,
    );
    return outcome;
  }

  private judge(content: string, articles: SourceArticle[], canary: string): WrittenAnswer {
    if (content === NOT_COVERED || content.replace(/[^A-Z_]/g, '') === NOT_COVERED) return { kind: 'not-covered' };
    const reply = parseReply(content);
    if (!reply) return { kind: 'unavailable', reason: 'unparsable' };
    const verdict = checkAnswer(reply.answer, reply.sources, articles, canary);
    if (!verdict.ok) return { kind: 'unavailable', reason: verdict.reason };
    return { kind: 'answer', text: reply.answer, cited: [...new Set(reply.sources)] };
  }

  private async call(messages: ReturnType<typeof buildMessages>): Promise<Completion> {
    const url = `${this.config.BOT_LLM_BASE_URL!.replace(/\/$/, '')}/chat/completions`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.config.BOT_LLM_API_KEY ? { authorization: `Bearer ${this.config.BOT_LLM_API_KEY}` } : {}) },
      body: JSON.stringify({ model: this.config.BOT_LLM_MODEL, messages, temperature: 0, max_tokens: 300 }),
      signal: AbortSignal.timeout(this.config.BOT_LLM_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`chat completions answered HTTP ${response.status}`);
    return (await response.json()) as Completion;
  }
}

const errorName = (error: unknown) => (error instanceof Error ? error.name : '');
