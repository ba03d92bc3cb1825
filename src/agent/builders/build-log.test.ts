import { createBuildLog } from './build-log';

describe('createBuildLog', () => {
  it('keeps everything under the limit', () => {
    const log = createBuildLog(100);

    log.write('STEP 1/2: FROM base\n');
    log.write('STEP 2/2: RUN true\n');

    expect(log.text()).toBe('STEP 1/2: FROM base\nSTEP 2/2: RUN true\n');
  });

  it('keeps the head and the tail of a long log, saying how much it left out', () => {
    const log = createBuildLog(20);

    for (let i = 0; i < 100; i += 1) log.write(`${i % 10}`);
    log.write('END');

    expect(log.text()).toBe('0123456789\n[… 83 characters of log omitted …]\n3456789END');
  });

  it('cuts one huge write the same way', () => {
    const log = createBuildLog(10);

    log.write('a'.repeat(5) + 'b'.repeat(1000) + 'c'.repeat(5));

    expect(log.text()).toBe('aaaaa\n[… 1000 characters of log omitted …]\nccccc');
  });
});
