import { createTaskSchema } from './task-input';

const minimal = { name: 'web', images: ['contoso.azurecr.io/web:1'], context: '/srv/web' };

describe('createTaskSchema platform', () => {
  it('defaults to linux/amd64, as az acr task create does', () => {
    expect(createTaskSchema.parse(minimal).platform).toBe('linux/amd64');
  });

  it('takes several platforms, comma-separated, trimmed and without repeats: a multi-platform image', () => {
    expect(createTaskSchema.parse({ ...minimal, platform: 'linux/amd64, linux/arm64/v8,linux/amd64' }).platform).toBe('linux/amd64,linux/arm64/v8');
  });

  it.each(['linux', 'linux/amd64,', 'linux/amd64,windows', ''])('refuses %j', (platform) => {
    const parsed = createTaskSchema.safeParse({ ...minimal, platform });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/expected OS\/ARCH\[\/VARIANT\], or several comma-separated/);
  });
});
