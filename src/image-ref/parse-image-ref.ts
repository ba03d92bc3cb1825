import { DOCKER_HUB, isDockerHubAlias } from './docker-hub';
import { ANY_DIGEST, DIGEST, DOMAIN_NAME, IMAGE_ID, IPV6, MAX_NAME_LENGTH, PATH_COMPONENT, PORT, TAG } from './grammar';
import type { ImageRef, ImageRefResult } from './image-ref';

const fail = (reason: string): ImageRefResult => ({ ok: false, reason });

/**
 * Parses any text into a canonical reference (DESIGN.md §2). Total: every input gives a value,
 * never an exception, because references arrive from payloads and Dockerfiles.
 */
export function parseImageRef(input: unknown): ImageRefResult {
  if (typeof input !== 'string') return fail('reference is not a string');
  const text = input.trim();
  if (text === '') return fail('reference is empty');
  if (text.length > 4096) return fail('reference is too long');

  const at = text.indexOf('@');
  const namePart = at === -1 ? text : text.slice(0, at);
  const digest = at === -1 ? null : text.slice(at + 1);
  if (digest !== null) {
    const reason = checkDigest(digest);
    if (reason) return fail(reason);
  }

  const { name, tag } = splitTag(namePart);
  if (tag !== null && !TAG.test(tag)) return fail(`invalid tag "${tag}": use letters, digits, "_", "." and "-", at most 128 characters, not starting with "." or "-"`);

  const named = splitDomain(name);
  if (!named.ok) return named;
  const { registry, repository } = named.ref;
  if (repository.length + registry.length + 1 > MAX_NAME_LENGTH) return fail(`repository name is longer than ${MAX_NAME_LENGTH} characters`);

  const ref: ImageRef = { registry, repository, tag: tag ?? (digest === null ? 'latest' : null), digest };
  return { ok: true, ref };
}

function checkDigest(digest: string): string | null {
  if (DIGEST.test(digest)) return null;
  if (ANY_DIGEST.test(digest)) {
    const algorithm = digest.slice(0, digest.indexOf(':'));
    if (algorithm !== 'sha256' && algorithm !== 'sha512') return `unsupported digest algorithm "${algorithm}"`;
  }
  return `invalid digest "${digest}": expected sha256: followed by 64 lower-case hex characters`;
}

/** The tag is after the last ':' that comes after the last '/', so a registry port is not a tag. */
function splitTag(name: string): { name: string; tag: string | null } {
  const colon = name.lastIndexOf(':');
  if (colon === -1 || colon < name.lastIndexOf('/')) return { name, tag: null };
  return { name: name.slice(0, colon), tag: name.slice(colon + 1) };
}

function splitDomain(name: string): ImageRefResult {
  if (name === '') return fail('repository name is empty');
  const slash = name.indexOf('/');
  const first = slash === -1 ? name : name.slice(0, slash);
  const isHost = slash !== -1 && (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('['));
  const host = isHost ? first.toLowerCase() : DOCKER_HUB;
  const path = isHost ? name.slice(slash + 1) : name;

  const hostReason = isHost ? checkHost(host) : null;
  if (hostReason) return fail(hostReason);
  const registry = isDockerHubAlias(host) ? DOCKER_HUB : host;

  const components = path.split('/');
  for (const component of components) {
    if (component === '') return fail(`invalid repository "${path}": empty path component`);
    if (!PATH_COMPONENT.test(component)) {
      const hint = /[A-Z]/.test(component) ? ' (repository names must be lower case)' : '';
      return fail(`invalid repository path component "${component}"${hint}`);
    }
  }
  if (registry === DOCKER_HUB && IMAGE_ID.test(path)) return fail('a 64-character hex name looks like an image ID, not a repository');
  const repository = registry === DOCKER_HUB && components.length === 1 ? `library/${path}` : path;
  return { ok: true, ref: { registry, repository, tag: null, digest: null } };
}

function checkHost(host: string): string | null {
  const bracketEnd = host.startsWith('[') ? host.indexOf(']') + 1 : 0;
  const colon = host.indexOf(':', bracketEnd);
  const hostname = colon === -1 ? host : host.slice(0, colon);
  const port = colon === -1 ? null : host.slice(colon + 1);
  if (!DOMAIN_NAME.test(hostname) && !IPV6.test(hostname)) return `invalid registry host "${hostname}"`;
  if (port !== null && (!PORT.test(port) || Number(port) < 1 || Number(port) > 65535)) return `invalid registry port "${port}"`;
  return null;
}
