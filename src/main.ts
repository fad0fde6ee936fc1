import 'reflect-metadata';
import { ConfigValidationError, loadConfig } from './config/app-config';
import { createApp } from './app.factory';

async function main() {
  const started = Date.now();
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen({ port: config.PORT, host: config.HOST });
  const shown = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const url = `http://${shown}:${config.PORT}`;
  const lines = [
    `Support bridge ready at ${url} in ${Date.now() - started} ms`,
    `  API docs:  ${url}/docs`,
    `  Health:    ${url}/health/ready`,
    config.BOOTSTRAP_API_KEY
      ? '  API key:   the BOOTSTRAP_API_KEY you set is a lead key'
      : '  API key:   npm run apikey -- create --name me --person "Your Name" --role lead',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error) => {
  if (error instanceof ConfigValidationError) {
    process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
  } else {
    process.stderr.write(`Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
