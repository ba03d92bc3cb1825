import { request } from 'node:https';

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/** The subset of fetch the registry helpers use, over node:https trusting only `ca`. Buffers the body. */
export function httpsFetch(url: URL, init: RequestInit, ca: Buffer): Promise<Response> {
  const method = init.method ?? 'GET';
  const headers = Object.fromEntries(new Headers(init.headers));
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, item);
        }
        const status = res.statusCode ?? 500;
        const body = method === 'HEAD' || NULL_BODY_STATUSES.has(status) ? null : new Uint8Array(Buffer.concat(chunks));
        resolve(new Response(body, { status, statusText: res.statusMessage ?? '', headers: responseHeaders }));
      });
    });
    req.on('error', reject);
    req.end(typeof init.body === 'string' || Buffer.isBuffer(init.body) ? init.body : undefined);
  });
}
