import { SUGGEST_SCORE } from '../../src/cases/reports/duplicate-finder';
import { measure, score } from '../../scripts/eval-duplicates';
import { createTestDatabase } from '../utils/test-database';

/** The duplicate suggestions keep the target on the evaluation set (npm run eval:duplicates prints the table). */
describe('duplicate suggestions on the five-language evaluation set', () => {
  it('find the same bug in other words (recall ≥ 0.8) and rarely suggest another one (precision of the top 3 ≥ 0.8)', async () => {
    const db = await createTestDatabase();
    try {
      const items = await score(db.url);
      const all = measure(items, SUGGEST_SCORE);
      expect(all.queries).toBeGreaterThanOrEqual(30);
      expect(all.nearMisses).toBeGreaterThanOrEqual(15);
      expect(all.recall).toBeGreaterThanOrEqual(0.8);
      expect(all.precision).toBeGreaterThanOrEqual(0.8);
      for (const language of ['en', 'fr', 'es', 'de', 'pt']) {
        expect(measure(items.filter((i) => i.language === language), SUGGEST_SCORE).recall).toBeGreaterThanOrEqual(0.7);
      }
    } finally {
      await db.drop();
    }
  });
});
