import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { FaqBot } from './faq-bot';
import { MemorySuggestionStore } from './feedback/memory-suggestion-store';
import { readKnowledgeBase } from './kb-files';
import { AnswerWriter, DisabledAnswerWriter, WrittenAnswer } from './llm/answer-writer';
import { toLocale } from './locales';
import { RetrieverSource } from './retrieval/knowledge-index';
import { Retriever } from './retrieval/retriever';

const retriever = Retriever.build(readKnowledgeBase(join(__dirname, '..', '..', 'kb')));
const source: RetrieverSource = { retriever: () => Promise.resolve(retriever) };
const botWith = (writer: AnswerWriter = new DisabledAnswerWriter(), store = new MemorySuggestionStore()) => new FaqBot(source, store, writer, new AppConfig());

describe('FaqBot', () => {
  it('answers with articles, in the language the player wrote in, and records the suggestion', async () => {
    const store = new MemorySuggestionStore();
    const answer = await botWith(undefined, store).answer('mi juego crashea cada vez que lo abro', 'en');
    expect(answer).toMatchObject({ kind: 'answer', fallback: false, locale: 'es' });
    expect(answer.articles[0].slug).toBe('crash-on-startup');
    expect(answer.articles[0].url).toMatch(/\/kb\/es\/crash-on-startup$/);
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.rows.get(answer.feedbackId!)).toMatchObject({ locale: 'es', slugs: answer.articles.map((a) => a.slug) });
  });

  it('tolerates typos and missing accents', async () => {
    const answer = await botWith().answer('comment recuperer mon compte piratee', 'fr');
    expect(answer.articles[0].slug).toBe('hacked-account');
  });

  it('says it found nothing, rather than showing unrelated articles', async () => {
    const answer = await botWith().answer('how do i evolve my fire fox', 'en');
    expect(answer).toMatchObject({ kind: 'fallback', fallback: true, articles: [] });
    expect(answer.feedbackId).toBeUndefined();
  });

  it('replies to greetings, thanks and "that did not help" without searching', async () => {
    const bot = botWith();
    expect(await bot.answer('hola!', 'es')).toMatchObject({ kind: 'greeting', articles: [], fallback: false, locale: 'es' });
    expect(await bot.answer('merci beaucoup', 'fr')).toMatchObject({ kind: 'thanks', articles: [] });
    expect(await bot.answer("that didn't help", 'en')).toMatchObject({ kind: 'not-helpful', fallback: true });
  });

  it('falls back when the written answer says the articles do not cover the question', async () => {
    const writer = { enabled: true, write: () => Promise.resolve<WrittenAnswer>({ kind: 'not-covered' }) } as AnswerWriter;
    expect(await botWith(writer).answer('my gems are gone', 'en')).toMatchObject({ kind: 'fallback', fallback: true });
  });

  it('puts the cited articles first under a written answer', async () => {
    const writer = { enabled: true, write: (_q: string, _l: string, articles: { slug: string }[]) => Promise.resolve<WrittenAnswer>({ kind: 'answer', text: 'Check your Mailbox.', cited: [articles[articles.length - 1].slug] }) } as unknown as AnswerWriter;
    const answer = await botWith(writer).answer('event rewards missing, never got my prize', 'en');
    expect(answer.text).toBe('Check your Mailbox.');
    expect(answer.articles.length).toBeGreaterThan(0);
  });
});

describe('FaqBot.wantsHuman', () => {
  const bot = botWith();
  it.each([
    'I want to talk to a human',
    'connect me to support',
    'can I speak to a live agent please',
    'je veux parler à un conseiller',
    'quero falar com o suporte',
    'me pueden pasar con soporte?',
    'Ich möchte mit einem Mitarbeiter sprechen',
    'bitte einen Menschen',
    'preciso de um humano',
    'agent',
  ])('recognises "%s"', (text) => expect(bot.wantsHuman(text)).toBe(true));

  it.each([
    'the agent NPC in chapter 3 is bugged',
    'Mensch, das Spiel stürzt ständig ab',
    'does the game support controllers',
    'o jogo tem suporte pra controle?',
    'el personaje humano perdió su sombrero',
    'the staff weapon is too strong',
    'my raid rewards are missing',
  ])('leaves "%s" to the bot', (text) => expect(bot.wantsHuman(text)).toBe(false));
});

describe('locales', () => {
  it('maps Discord locales to our five languages, English otherwise', () => {
    expect(toLocale('pt-BR')).toBe('pt');
    expect(toLocale('ja')).toBe('en');
    expect(toLocale(undefined)).toBe('en');
  });
});
