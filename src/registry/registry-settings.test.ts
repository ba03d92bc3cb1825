import { isCascadeError } from '../errors';
import { parseRegistriesSetting } from './registry-settings';

describe('parseRegistriesSetting', () => {
  it('defaults to Docker Hub and MCR, anonymous, over https', () => {
    expect(parseRegistriesSetting(undefined).map((r) => [r.host, r.endpoint, r.kind])).toEqual([
      ['docker.io', 'https://registry-1.docker.io', 'oci'],
      ['mcr.microsoft.com', 'https://mcr.microsoft.com', 'oci'],
    ]);
  });

  it.each([
    ['{"host":"localhost:5000","insecure":true}', 'localhost:5000', 'http://localhost:5000', 'oci'],
    ['{"host":"MyAcr.AzureCR.io"}', 'myacr.azurecr.io', 'https://myacr.azurecr.io', 'acr'],
    ['{"host":"index.docker.io"}', 'docker.io', 'https://registry-1.docker.io', 'oci'],
    ['{"host":"mirror.local","endpoint":"https://mirror.local:8443/"}', 'mirror.local', 'https://mirror.local:8443', 'oci'],
  ])('%s', (entry, host, endpoint, kind) => {
    expect(parseRegistriesSetting(`[${entry}]`)[0]).toMatchObject({ host, endpoint, kind });
  });

  it('polls Docker Hub and MCR by default, every CASCADE_POLL_INTERVAL_MS, 8 HEADs at a time', () => {
    expect(parseRegistriesSetting(undefined).map((r) => [r.host, r.watch, r.pollIntervalMs, r.pollConcurrency])).toEqual([
      ['docker.io', 'poll', undefined, 8],
      ['mcr.microsoft.com', 'poll', undefined, 8],
    ]);
  });

  it('takes a registry\'s own poll interval and concurrency', () => {
    const [entry] = parseRegistriesSetting('[{"host":"localhost:5000","watch":"poll","pollIntervalMs":1000,"pollConcurrency":2}]');

    expect(entry).toMatchObject({ watch: 'poll', pollIntervalMs: 1000, pollConcurrency: 2 });
  });

  it.each([
    ['[{"host":"x","pollIntervalMs":0}]', /CASCADE_REGISTRIES\[0.pollIntervalMs\]/],
    ['[{"host":"x","pollConcurrency":0}]', /CASCADE_REGISTRIES\[0.pollConcurrency\]/],
    ['not json', /CASCADE_REGISTRIES is not JSON/],
    ['{"host":"x"}', /CASCADE_REGISTRIES\[\]/],
    ['[{"host":"x","pasword":"secret-value"}]', /CASCADE_REGISTRIES\[0\]/],
    ['[{"host":"x","insecure":"yes"}]', /CASCADE_REGISTRIES\[0.insecure\]/],
  ])('rejects %s naming the key, never the value', (text, message) => {
    const error = (() => {
      try {
        parseRegistriesSetting(text);
        return null;
      } catch (e) {
        return e;
      }
    })();

    expect(isCascadeError(error) && error.code).toBe('CONFIG_INVALID');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('secret-value');
  });
});
