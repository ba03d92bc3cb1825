import { loadConfig } from './config';
import { isCascadeError } from './errors';

describe('CASCADE_SETTLE_MS', () => {
  it.each([
    [undefined, 10_000],
    ['0', 0],
    ['2000', 2000],
  ])('%j → settleMs %d', (value, expected) => {
    expect(loadConfig(value === undefined ? {} : { CASCADE_SETTLE_MS: value }).settleMs).toBe(expected);
  });

  it.each(['-1', 'soon', '1.5'])('refuses %j with CONFIG_INVALID naming the key', (value) => {
    let error: unknown;
    try {
      loadConfig({ CASCADE_SETTLE_MS: value });
    } catch (caught) {
      error = caught;
    }

    expect(isCascadeError(error) && error.code === 'CONFIG_INVALID' && error.message.includes('CASCADE_SETTLE_MS')).toBe(true);
  });
});
