import { readFileSync } from 'node:fs';

// The versions the Service Bus adapter was tested with: @azure/core-amqp before 4.3.4 ignores the
// port of a development endpoint (UseDevelopmentEmulator=true), so the peer could not be reached.
function installedVersion(name: string): number[] {
  const manifest = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string };
  return manifest.version.split('.').map(Number);
}

describe('installed Service Bus client', () => {
  it('is @azure/service-bus 7.9.5', () => {
    expect(installedVersion('@azure/service-bus')).toEqual([7, 9, 5]);
  });

  it('has @azure/core-amqp 4.3.4 or newer within 4.x', () => {
    const [major, minor, patch] = installedVersion('@azure/core-amqp') as [number, number, number];

    expect(major).toBe(4);
    expect(minor * 1000 + patch).toBeGreaterThanOrEqual(3 * 1000 + 4);
  });
});
