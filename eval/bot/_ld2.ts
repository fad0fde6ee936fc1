import { detectAll } from 'tinyld';
import { loadPlayerCases, loadIntentCases } from './load';
import { STOP_WORDS } from '../../src/chatbot/text/stopwords';
import { words } from '../../src/chatbot/text/fold';
const L = ['en','fr','es','de','pt'] as const;
const cases = [...loadPlayerCases(__dirname), ...loadIntentCases(__dirname)].filter((c) => c.split === 'dev');
for (const W of [0, 0.5, 1, 2, 4]) {
  let ok = 0, n = 0;
  for (const c of cases) {
    const letters = c.text.replace(/[^\p{L}]/gu, '');
    if (letters.length < 8) continue;
    n++;
    const ranked = detectAll(c.text, { only: [...L] }) as { lang: string; accuracy: number }[];
    const max = ranked[0]?.accuracy || 1;
    const ws = words(c.text);
    const score = (l: string) => (ranked.find((r) => r.lang === l)?.accuracy ?? 0) / max + W * ws.filter((w) => (STOP_WORDS as any)[l].has(w)).length / Math.max(1, ws.length);
    const best = [...L].sort((a, b) => score(b) - score(a))[0];
    if (best === c.locale) ok++;
  }
  console.log(W, (ok / n).toFixed(3), n);
}
