import type { FieldError } from './domain-error';

/**
 * Checks a decoded request value (body, query, path parameter) before anything else reads it:
 * deep nesting would overflow the stack of the validators that walk it recursively, and Postgres
 * cannot store U+0000 nor a lone UTF-16 surrogate (it has no UTF-8 form). The walk is iterative.
 */
export const MAX_JSON_DEPTH = 32;
/** More fields than this are not a request any route takes (and each would be validated). */
export const MAX_JSON_NODES = 10_000;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function stringProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it holds a lone UTF-16 surrogate)';
  return null;
}

const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/** The fields of `value` that cannot be accepted, at most `limit` of them; `root` names the value itself. */
export function unsafeInputFields(value: unknown, root: string, limit = 20): FieldError[] {
  const errors: FieldError[] = [];
  // `top` is the request's own field the value sits in: a depth error names it, not a 32-level path.
  const stack: { value: unknown; path: string; top: string; depth: number }[] = [{ value, path: '', top: root, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0 && errors.length < limit) {
    const { value: current, path, top, depth } = stack.pop()!;
    const field = path || root;
    if (++nodes > MAX_JSON_NODES) return [{ field: root, messages: [`${root} has more than ${MAX_JSON_NODES} values`] }];
    if (typeof current === 'string') {
      const problem = stringProblem(current);
      if (problem) errors.push({ field, messages: [`${field} ${problem}`] });
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= MAX_JSON_DEPTH) {
      errors.push({ field: top, messages: [`${top} is nested more than ${MAX_JSON_DEPTH} levels deep`] });
      continue;
    }
    const entries: [string | number, unknown][] = Array.isArray(current) ? current.map((inner, index) => [index, inner]) : Object.entries(current);
    for (const [key, inner] of entries) {
      const keyProblem = typeof key === 'string' ? stringProblem(key) : null;
      if (keyProblem) {
        errors.push({ field, messages: [`a key in ${field} ${keyProblem}`] });
        continue;
      }
      const innerPath = join(path, key);
      stack.push({ value: inner, path: innerPath, top: depth === 0 ? innerPath : top, depth: depth + 1 });
    }
  }
  return errors.sort((a, b) => a.field.localeCompare(b.field));
}
