import { formatBytes, localeOf, localizations, t } from './i18n';

describe('Discord i18n', () => {
  it('picks the language of a Discord locale and falls back to English', () => {
    expect(localeOf('pt-BR')).toBe('pt');
    expect(localeOf('es-419')).toBe('es');
    expect(localeOf('ja')).toBe('en');
    expect(localeOf(undefined)).toBe('en');
    expect(t('ja', 'status.CLOSED')).toBe('Closed');
    expect(t('de', 'status.CLOSED')).toBe('Geschlossen');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('fr', 'case.title', { n: 4, title: 'Lag' })).toBe('Dossier #4 : Lag');
    expect(t('en', 'case.title', { n: 4 })).toBe('Case #4: {title}');
  });

  it("gives Discord's locale codes for command descriptions", () => {
    expect(localizations('command.case')).toEqual({
      fr: 'Voir tes dossiers et leur statut',
      'es-ES': 'Ver tus casos y su estado',
      'es-419': 'Ver tus casos y su estado',
      de: 'Deine Fälle und ihren Status ansehen',
      'pt-BR': 'Ver seus casos e o status deles',
    });
  });

  it('formats sizes like Discord', () => {
    expect(formatBytes(8 * 1024 * 1024)).toBe('8 MB');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(formatBytes(64 * 1024)).toBe('64 KB');
  });
});
