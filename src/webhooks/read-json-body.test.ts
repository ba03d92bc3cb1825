import { thrownBy, webhookRequest } from '../../test/fixtures/webhooks/webhook-request';
import { isCascadeError } from '../errors';
import { readJsonBody } from './read-json-body';

const read = (contentType: string | undefined, body: Buffer | string) =>
  readJsonBody(webhookRequest({ headers: { 'content-type': contentType }, rawBody: Buffer.isBuffer(body) ? body : Buffer.from(body) }));

describe('readJsonBody', () => {
  it.each([
    ['application/json'],
    ['application/json; charset=utf-8'],
    ['application/json;charset="UTF-8"'],
    ['APPLICATION/JSON'],
    ['application/cloudevents+json; charset=utf-8'],
    ['application/cloudevents-batch+json; charset=utf-8'],
    ['application/vnd.docker.distribution.events.v1+json'],
    ['application/vnd.docker.distribution.events.v2+json'],
    [undefined],
    [''],
  ])('parses a body sent as %s', (contentType) => {
    const body = '{"events":[]}';

    const value = read(contentType, body);

    expect(value).toEqual({ events: [] });
  });

  it.each([
    ['text/plain'],
    ['text/json'],
    ['application/x-www-form-urlencoded'],
    ['multipart/form-data; boundary=x'],
    ['application/octet-stream'],
    ['application/+json'],
    ['application/json; charset=iso-8859-1'],
    ['application/json; charset=utf-16'],
    ['*/*'],
  ])('refuses %s as UNSUPPORTED_MEDIA_TYPE', (contentType) => {
    const body = '{}';

    const error = thrownBy(() => read(contentType, body));

    expect(isCascadeError(error) && error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it.each([
    ['an empty body', '', /empty/],
    ['truncated JSON', '{"events":[', /not valid JSON/],
    ['JSON with a trailing comma', '{"a":1,}', /not valid JSON/],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), /not valid UTF-8/],
  ])('refuses %s as INVALID_REQUEST without echoing it', (_name, body, message) => {
    const error = thrownBy(() => read('application/json', body));

    expect(isCascadeError(error) && error.code).toBe('INVALID_REQUEST');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('events');
  });

  it('skips a UTF-8 byte-order mark', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[1]')]);

    const value = read('application/json', body);

    expect(value).toEqual([1]);
  });
});
