import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { ObservedResponse, OpenApiDocument } from './openapi-responses';

/**
 * Which documented answers the suite really produced. Each test app writes what it saw to the run's
 * folder (TEST_OPENAPI_SEEN_DIR, set by global-setup); after a whole run, global-teardown lists the
 * documented success answers no test produced: their schemas are the ones nothing checks.
 */
const key = (method: string, path: string, status: string) => `${method.toUpperCase()} ${path} ${status}`;

export function seenKey(response: ObservedResponse): string | undefined {
  return response.route === undefined ? undefined : key(response.method === 'HEAD' ? 'GET' : response.method, response.route.replace(/:(\w+)/g, '{$1}'), String(response.status));
}

export function saveSeen(document: OpenApiDocument, seen: Set<string>): void {
  const dir = process.env.TEST_OPENAPI_SEEN_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const docFile = join(dir, 'document.json');
  if (!existsSync(docFile)) writeFileSync(docFile, JSON.stringify(document));
  // One file per test app: Jest reloads modules for every file in a worker, so no counter survives.
  writeFileSync(join(dir, `seen-${randomUUID()}.json`), JSON.stringify([...seen]));
}

export function unexercisedSuccesses(dir: string): string[] {
  if (!existsSync(join(dir, 'document.json'))) return [];
  const document = JSON.parse(readFileSync(join(dir, 'document.json'), 'utf8')) as OpenApiDocument;
  const seen = new Set(readdirSync(dir).filter((f) => f.startsWith('seen-')).flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as string[]));
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).flatMap(([verb, operation]) =>
      Object.keys(operation.responses).filter((status) => /^[23]/.test(status)).map((status) => key(verb, path, status)).filter((k) => !seen.has(k)),
    ),
  );
}
