import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { loadSecrets, readStoredSecret } from './load-secrets';

const fresh = () => mkdtempSync(join(tmpdir(), 'cascade-secrets-'));

describe('loadSecrets', () => {
  it('generates missing secrets once, keeps them 0600, and reuses them', () => {
    const dataDir = join(fresh(), 'data');

    const first = loadSecrets(loadConfig({ CASCADE_DATA_DIR: dataDir }));
    const second = loadSecrets(loadConfig({ CASCADE_DATA_DIR: dataDir }));

    expect(first.generated).toHaveLength(7);
    expect(second.generated).toEqual([]);
    expect(second).toMatchObject({ admin: first.admin, agent: first.agent, webhooks: first.webhooks });
    expect(first.admin).toMatch(/^[\w-]{32}$/);
    expect(statSync(join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(readStoredSecret(dataDir, 'admin')).toBe(first.admin);
  });

  it('prefers the environment and turns a source off with "disabled"', () => {
    const dataDir = fresh();

    const secrets = loadSecrets(loadConfig({ CASCADE_DATA_DIR: dataDir, CASCADE_ADMIN_TOKEN: 'adm', CASCADE_WEBHOOK_SECRET_ACR: 'disabled', CASCADE_WEBHOOK_SECRET_DISTRIBUTION: 'dist' }));

    expect(secrets.admin).toBe('adm');
    expect(secrets.webhooks.acr).toBeNull();
    expect(secrets.webhooks.distribution).toBe('dist');
    expect(secrets.generated).not.toContain('admin');
  });
});
