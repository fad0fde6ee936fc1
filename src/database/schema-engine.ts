import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { Pool, PoolClient } from 'pg';

/**
 * Prisma's schema engine as WebAssembly (`@prisma/schema-engine-wasm`), so migrations run without
 * the native engine download that locked-down machines cannot reach. The package's entry imports
 * the .wasm bundler-style, so we instantiate it ourselves against its JS glue module.
 */
type EngineModule = typeof import('@prisma/schema-engine-wasm');
export type SchemaEngine = Awaited<ReturnType<EngineModule['SchemaEngine']['new']>>;

let engineModule: EngineModule | undefined;

// Node has WebAssembly; the ES lib typings we compile against do not declare it.
interface WasmApi {
  Module: new (bytes: Buffer) => unknown;
  Instance: new (module: unknown, imports: Record<string, unknown>) => { exports: Record<string, unknown> };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

function loadModule(): EngineModule {
  if (engineModule) return engineModule;
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const glue = require(gluePath) as EngineModule & { __wbg_set_wasm(exports: unknown): void };
  const bytes = readFileSync(join(dirname(gluePath), 'schema_engine_bg.wasm'));
  // The engine arms 10 s timers that would keep a finished CLI or test run alive: unref them.
  const imports: Record<string, unknown> = { ...glue };
  for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
    imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
  }
  const instance = new wasmApi.Instance(new wasmApi.Module(bytes), { './schema_engine_bg.js': imports });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  engineModule = glue;
  return glue;
}

/**
 * Forgets the engine (its glue module and WebAssembly instance) so the memory can be reclaimed:
 * a service needs it only for the migrations at boot, and it is tens of megabytes.
 */
export function releaseSchemaEngine(): void {
  engineModule = undefined;
  delete require.cache[require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')];
}

export const NO_FILTER = { externalTables: [], externalEnums: [] };

/** Opens an engine connected to `connectionString`, runs `work`, and always releases it. */
export async function withSchemaEngine<T>(
  connectionString: string,
  schema: string,
  work: (engine: SchemaEngine) => Promise<T>,
  log: (line: string) => void = () => undefined,
): Promise<T> {
  const { SchemaEngine } = loadModule();
  // The engine never hands its connections back (one stays checked out after applyMigrations),
  // so we own the pool and end every client ourselves: otherwise the database stays "in use"
  // (a template could not be cloned) and the process cannot exit.
  const pool = new Pool({ connectionString, max: 2 });
  const clients = new Set<PoolClient>();
  pool.on('connect', (client) => clients.add(client));
  const factory = new PrismaPg(pool);
  const engine = await SchemaEngine.new({ datamodels: [['schema.prisma', schema]] }, log, bindMigrationAwareSqlAdapterFactory(factory));
  try {
    return await work(engine);
  } finally {
    engine.free();
    await Promise.all([...clients].map((client) => client.end().catch(() => undefined)));
    await pool.end().catch(() => undefined);
  }
}
