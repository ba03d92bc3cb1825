import { formatSetupInstructions } from './setup-instructions';

const ALL = { acr: 'acr-s3cret', eventgrid: 'eg-s3cret', dockerhub: 'hub-s3cret', distribution: 'reg-s3cret' };

describe('formatSetupInstructions', () => {
  it('prints the az command for an ACR webhook with its bearer header', () => {
    const text = formatSetupInstructions({ baseUrl: 'https://cascade.example.com/', secrets: ALL });

    expect(text).toContain(
      "az acr webhook create --registry <registry> --name cascade --actions push --uri 'https://cascade.example.com/webhooks/acr' --headers 'Authorization=Bearer acr-s3cret'",
    );
  });

  it('prints the Event Grid subscription for image pushes with the secret in the endpoint', () => {
    const text = formatSetupInstructions({ baseUrl: 'https://cascade.example.com', secrets: ALL });

    expect(text).toContain('az eventgrid event-subscription create --name cascade');
    expect(text).toContain("--endpoint 'https://cascade.example.com/webhooks/eventgrid?secret=eg-s3cret'");
    expect(text).toContain('--included-event-types Microsoft.ContainerRegistry.ImagePushed');
  });

  it('prints the Docker Hub webhook URL', () => {
    const text = formatSetupInstructions({ baseUrl: 'https://cascade.example.com', secrets: ALL });

    expect(text.split('\n')).toContain('https://cascade.example.com/webhooks/dockerhub?secret=hub-s3cret');
  });

  it('prints a notifications block a distribution registry can load', () => {
    const text = formatSetupInstructions({ baseUrl: 'https://cascade.example.com', secrets: ALL });

    const lines = text.split('\n');
    const start = lines.indexOf('notifications:');
    expect(lines.slice(start, start + 14)).toEqual([
      'notifications:',
      '  endpoints:',
      '    - name: cascade',
      '      url: "https://cascade.example.com/webhooks/distribution"',
      '      headers:',
      '        Authorization: ["Bearer reg-s3cret"]',
      '      timeout: 1s',
      '      threshold: 5',
      '      backoff: 1s',
      '      ignore:',
      '        mediatypes:',
      '          - application/octet-stream',
      '        actions:',
      '          - pull',
    ]);
    for (const line of lines.slice(start, start + 14)) expect(line).toMatch(/^( {2})*(- )?[a-zA-Z]+:( .+)?$|^ +- [\w/.-]+$/);
  });

  it('lists a source without a secret as disabled', () => {
    const text = formatSetupInstructions({ baseUrl: 'https://cascade.example.com', secrets: { distribution: 'reg-s3cret', dockerhub: '', eventgrid: null } });

    expect(text).toContain('Azure Container Registry webhook: disabled (no secret configured)');
    expect(text).toContain('Azure Container Registry through Event Grid: disabled (no secret configured)');
    expect(text).toContain('Docker Hub (repository → Webhooks → destination URL): disabled (no secret configured)');
    expect(text).not.toContain('az acr webhook create');
    expect(text).toContain('notifications:');
  });

  it.each([
    ['acr', "--headers 'Authorization=Bearer it'\\''s $(x) \"q\"'"],
    ['eventgrid', "secret=it'\\''s%20%24(x)%20%22q%22%26%23'"],
    ['dockerhub', 'dockerhub?secret=it\'s%20%24(x)%20%22q%22%26%23'],
    ['distribution', 'Authorization: ["Bearer it\'s $(x) \\"q\\"&#"]'],
  ])('quotes a secret with shell and YAML specials for %s', (source, expected) => {
    const secret = source === 'acr' ? 'it\'s $(x) "q"' : 'it\'s $(x) "q"&#';

    const text = formatSetupInstructions({ baseUrl: 'https://cascade.example.com', secrets: { [source]: secret } });

    expect(text).toContain(expected);
  });
});
