import { checkForm, REPORT_FORMS } from './report-form';
import { nonceOf } from './report-jobs';
import { languageOf } from './reports.service';

describe('report forms', () => {
  const bug = { title: 'Map crash', steps: 'Pressing M crashes the game.', expected: 'A map', platform: 'PC', version: '' };

  it('trims the answers and drops an empty optional one', () => {
    expect(checkForm('BUG', { ...bug, title: '  Map crash  ' })).toEqual({ form: { title: 'Map crash', steps: bug.steps, expected: 'A map', platform: 'PC' } });
  });

  it('names the first answer whose length is off, counting characters not UTF-16 units', () => {
    expect(checkForm('BUG', { ...bug, steps: '' })).toEqual({ problem: { field: 'steps', min: 10, max: 1500, length: 0 } });
    expect(checkForm('FEATURE', { title: '🐱'.repeat(91), idea: 'x'.repeat(20), why: 'y'.repeat(20) })).toEqual({ problem: { field: 'title', min: 3, max: 90, length: 91 } });
    expect(checkForm('FEATURE', { title: 'Pets', idea: 'x'.repeat(20), why: 'y'.repeat(1001) })).toMatchObject({ problem: { field: 'why' } });
  });

  it('fits a Discord modal: at most five inputs, labels and lengths within its limits', () => {
    for (const fields of Object.values(REPORT_FORMS)) {
      expect(fields.length).toBeLessThanOrEqual(5);
      for (const field of fields) expect(field.max).toBeLessThanOrEqual(4000);
    }
  });

  it('maps Discord locales to report languages and makes nonces Discord accepts', () => {
    expect(['pt-BR', 'es-419', 'fr', 'en-GB', 'ja', null].map(languageOf)).toEqual(['pt', 'es', 'fr', 'en', 'en', 'en']);
    expect(nonceOf('12:RESOLVED-1')).toHaveLength(25);
    expect(nonceOf('12:RESOLVED-1')).toBe(nonceOf('12:RESOLVED-1'));
    expect(nonceOf('12:RESOLVED-1')).not.toBe(nonceOf('12:RESOLVED-2'));
  });
});
