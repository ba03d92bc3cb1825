import { updateTriggerEndpoint } from './update-trigger-endpoint';

describe('updateTriggerEndpoint', () => {
  it.each([
    ['https://hooks.example/cascade?key=s3cret', { ok: true, url: 'https://hooks.example/cascade?key=s3cret', display: 'https://hooks.example/cascade' }],
    ['http://127.0.0.1:8080/hook', { ok: true, url: 'http://127.0.0.1:8080/hook', display: 'http://127.0.0.1:8080/hook' }],
    [null, { ok: false, reason: 'none' }],
    ['', { ok: false, reason: 'none' }],
    ['not a url', { ok: false, reason: 'invalid URL' }],
    ['ftp://hooks.example/x', { ok: false, reason: 'not http(s)' }],
    ['file:///etc/passwd', { ok: false, reason: 'not http(s)' }],
    ['https://user:pw@hooks.example/x', { ok: false, reason: 'credentials in URL' }],
  ])('%j → %j', (value, expected) => {
    const endpoint = updateTriggerEndpoint(value);

    expect(endpoint).toEqual(expected);
  });
});
