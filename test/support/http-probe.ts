import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * The status of `GET url`, or `undefined` when nothing answers. Uses node:http(s) rather than fetch because
 * fetch cannot be handed a CA: this process's trust store was fixed at startup (NODE_EXTRA_CA_CERTS).
 */
export function httpProbe(url: string, ca?: Buffer): Promise<number | undefined> {
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: 1000, ...(ca === undefined ? {} : { ca }) }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
}
