import 'reflect-metadata';
import { PinoLogger } from 'nestjs-pino';
import { ConfigValidationError } from './config/app-config';
import { readEnvironment } from './config/environment';
import { createApp } from './app.factory';
import { exitOnStopDuringStartUp } from './operations/early-stop';
import { DatabaseUnavailableError } from './database/connection-errors';
import { EmbeddedPostgresUnavailable } from './database/embedded-postgres';

async function main() {
  const started = Date.now();
  const handOver = exitOnStopDuringStartUp();
  const config = await readEnvironment();
  const app = await createApp(config);
  // From here on SIGTERM/SIGINT close the app gracefully (its shutdown hooks are on).
  handOver();
  await app.listen({ port: config.PORT, host: config.HOST });
  const shown = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const url = `http://${shown}:${config.PORT}`;
  // Written after every start-up log line, straight to stdout, so it is the last thing a person sees.
  const lines = [
    '',
    `Support bridge ready at ${url} in ${Date.now() - started} ms`,
    `  API docs:  ${url}/docs`,
    `  Health:    ${url}/health/ready`,
    config.BOOTSTRAP_API_KEY
      ? '  API key:   the BOOTSTRAP_API_KEY you set is a lead key'
      : '  API key:   npx bridge apikey create --name me --person "Your Name" --role lead   (in Docker: docker compose exec app bridge apikey …)',
    '  Checks:    npx bridge doctor',
    '',
  ];
  // Flush what pino still holds, then give its transport (pino-pretty's worker thread) a moment.
  const show = () => setTimeout(() => process.stdout.write(lines.join('\n') + '\n'), 50);
  if (PinoLogger.root) PinoLogger.root.flush(show);
  else show();
}

main().catch((error) => {
  if (error instanceof ConfigValidationError) {
    process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
  } else if (error instanceof DatabaseUnavailableError || error instanceof EmbeddedPostgresUnavailable) {
    process.stderr.write(`Start-up failed: ${error.message}\n`);
  } else {
    process.stderr.write(`Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
