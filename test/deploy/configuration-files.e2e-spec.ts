// .env.example documents every variable AppConfig reads, and docker-compose.yml hands the whole
// file (and the user's .env) to the app, so nothing configured is lost on the way into the container.
import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../../src/config/app-config';
import { ROOT } from '../utils/run-cli';

const variables = () => [...new Set(getMetadataStorage().getTargetValidationMetadatas(AppConfig, '', true, false).map((m) => m.propertyName))];

describe('configuration files', () => {
  it('.env.example names every variable of AppConfig', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    const names = variables();
    expect(names.length).toBeGreaterThan(30);
    const missing = names.filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });

  it('docker-compose.yml passes .env.example and .env to the app through env_file, and its DATABASE_URL', () => {
    const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
    const app = compose.slice(compose.indexOf('\n  app:'));
    expect(app).toMatch(/env_file:\n\s+- path: \.env\.example\n\s+required: true\n\s+- path: \.env\n\s+required: false/);
    expect(app).toMatch(/DATABASE_URL: postgresql:\/\/bridge:.*@postgres:5432\/bridge/);
  });

  it('the Dockerfile runs as a non-root user, health-checks $PORT, and puts the bridge CLI on the PATH', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const final = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(final).toMatch(/^USER node$/m);
    expect(final).toMatch(/HEALTHCHECK[\s\S]*process\.env\.PORT/);
    expect(final).toContain('/usr/local/bin/bridge');
    expect(dockerfile).toContain('node scripts/prune-production.js');
  });
});
