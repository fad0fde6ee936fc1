import { Client } from 'pg';
import { QUESTIONS } from './data/kb-variations';
import { LOCALES, TEXT_SEARCH_CONFIG } from '../src/chatbot/locales';
async function main() {
  const c = new Client({ connectionString: process.argv[2] }); await c.connect();
  for (const l of LOCALES) for (const q of QUESTIONS[l]) {
    const cfg = TEXT_SEARCH_CONFIG[l];
    const r = await c.query(`SELECT plainto_tsquery($1::regconfig,$2)::text AS tq,
      (SELECT count(*) FROM "Article" WHERE locale=$3 AND search @@ plainto_tsquery($1::regconfig,$2)) AS and_n,
      (SELECT count(*) FROM "Article" WHERE locale=$3 AND search @@ NULLIF(replace(plainto_tsquery($1::regconfig, $2)::text, '&', '|'), '')::tsquery) AS or_n`, [cfg, q, l]);
    console.log(l, String(r.rows[0].and_n).padStart(5), String(r.rows[0].or_n).padStart(5), r.rows[0].tq);
  }
  await c.end();
}
main();
