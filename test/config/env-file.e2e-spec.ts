// `.env` is read at boot through @nestjs/config; the process environment wins over the file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError } from '../../src/config/app-config';
import { readEnvironment } from '../../src/config/environment';

describe('readEnvironment', () => {
  const saved = { ...process.env };
  const dir = mkdtempSync(join(tmpdir(), 'env-file-'));

  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function envFile(text: string): void {
    const file = join(dir, `${Math.random().toString(36).slice(2)}.env`);
    writeFileSync(file, text);
    process.env.ENV_FILE = file;
  }

  it('takes values from the file, and the environment wins over it', async () => {
    envFile('PORT=4321\nLOG_LEVEL=debug\nDISCORD_BUG_CHANNEL_IDS=123456789012345678\n');
    process.env.LOG_LEVEL = 'warn';
    delete process.env.PORT;
    const config = await readEnvironment();
    expect(config.PORT).toBe(4321);
    expect(config.LOG_LEVEL).toBe('warn');
    expect(config.DISCORD_BUG_CHANNEL_IDS).toEqual(['123456789012345678']);
  });

  it('runs without a file', async () => {
    process.env.ENV_FILE = join(dir, 'missing.env');
    delete process.env.PORT;
    await expect(readEnvironment()).resolves.toMatchObject({ PORT: 3000 });
  });

  it('validates the file too, naming the variable but never the secret', async () => {
    envFile('BOOTSTRAP_API_KEY=a-secret-that-is-short\nPORT=not-a-port\n');
    delete process.env.PORT;
    delete process.env.BOOTSTRAP_API_KEY;
    const error = await readEnvironment().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as Error).message).toContain('PORT="not-a-port"');
    expect((error as Error).message).toContain('BOOTSTRAP_API_KEY=(hidden, 22 characters): BOOTSTRAP_API_KEY must be at least 32 characters');
    expect((error as Error).message).not.toContain('a-secret-that-is-short');
  });
});
