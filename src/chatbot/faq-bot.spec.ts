import { AppConfig } from '../config/app-config';
import { ArticlesService } from './articles.service';
import { FaqBot } from './faq-bot';
import { detectLocale, toLocale } from './locales';

describe('FaqBot.wantsHuman', () => {
  const bot = new FaqBot({} as ArticlesService, new AppConfig());

  it.each([
    'I want to talk to a human',
    'can I speak to a live agent please',
    'je veux parler à un conseiller',
    'Je voudrais un humain',
    'quiero hablar con un humano',
    'necesito un agente',
    'Ich möchte mit einem Mitarbeiter sprechen',
    'bitte einen Menschen',
    'quero falar com um atendente',
    'preciso de um humano',
  ])('recognises "%s"', (text) => expect(bot.wantsHuman(text)).toBe(true));

  it.each(['my raid rewards are missing', 'comment récupérer mon compte', 'no puedo conectarme', 'Spiel stürzt ab', 'não recebi minhas gemas'])(
    'leaves "%s" to the bot',
    (text) => expect(bot.wantsHuman(text)).toBe(false),
  );
});

describe('locales', () => {
  it('maps Discord locales to our five languages, English otherwise', () => {
    expect(toLocale('pt-BR')).toBe('pt');
    expect(toLocale('es-ES')).toBe('es');
    expect(toLocale('fr')).toBe('fr');
    expect(toLocale('ja')).toBe('en');
    expect(toLocale(undefined)).toBe('en');
  });

  it('detects a clearly written language and stays unsure on short text', () => {
    expect(detectLocale("je n'arrive pas à me connecter avec mon compte")).toBe('fr');
    expect(detectLocale('no puedo entrar en mi cuenta y no sé por qué')).toBe('es');
    expect(detectLocale('ich kann mich nicht einloggen und mein Konto ist weg')).toBe('de');
    expect(detectLocale('ok')).toBeNull();
  });
});
