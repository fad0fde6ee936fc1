/**
 * Text as the bot compares it: lowercase, accents removed (players often type without them),
 * French/Italian elisions split ("l'appli" → "l appli"), words of letters and digits.
 */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[’`´]/g, "'");
}

/** The folded words of a text; "2fa", "wi-fi" → "2fa", "wifi". */
export function words(text: string): string[] {
  return fold(text)
    .replace(/(\p{L})-(\p{L})/gu, '$1$2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0 && word.length <= 40);
}
