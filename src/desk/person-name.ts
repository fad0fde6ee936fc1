/**
 * The name players see on replies made through a desk session signed in with an API key. Today the
 * key's own name; when API keys belong to people, this is the one place that returns the person's.
 */
export function personNameForKey(key: { name: string }): string {
  return key.name;
}
