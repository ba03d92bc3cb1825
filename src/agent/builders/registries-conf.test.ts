import { isCascadeError } from '../../errors';
import { registriesConf } from './registries-conf';

describe('registriesConf', () => {
  it('marks each host insecure', () => {
    expect(registriesConf(['127.0.0.1:5000', 'registry.local'])).toBe([
      '# Written by Cascade for one build.',
      '[[registry]]\nlocation = "127.0.0.1:5000"\ninsecure = true\n',
      '[[registry]]\nlocation = "registry.local"\ninsecure = true\n',
    ].join('\n'));
  });

  it.each(['a"b', 'host\n[[registry]]', 'https://r.example', ''])('refuses %j', (host) => {
    const error = (() => {
      try {
        return registriesConf([host]);
      } catch (e) {
        return e;
      }
    })();

    expect(isCascadeError(error) && error.code).toBe('CONFIG_INVALID');
  });
});
