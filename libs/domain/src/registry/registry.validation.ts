import { resourceNameViolation } from '../naming/resource-name.js';

export const REGISTRY_USERNAME_MAX_LENGTH = 255;

const SCHEME = /^https?:\/\//i;

const HOST_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
/** A DNS name, an IPv4 address or a bracketed IPv6 address. */
const HOST = `(?:${HOST_LABEL}(?:\\.${HOST_LABEL})*|\\[[0-9A-Fa-f:.]+\\])`;
const HOST_PORT_PATH = new RegExp(`^${HOST}(?::(?<port>[0-9]+))?(?:/[^?#]*)?$`);

/** Why `url` cannot address a registry, or undefined when it can. */
export function registryUrlViolation(url: string): string | undefined {
  if (url.length === 0) return 'url must not be empty';
  if (/\s/.test(url)) return 'url must not contain whitespace';
  const withoutScheme = url.replace(SCHEME, '');
  // A password in the URL would be shown wherever the URL is: credentials have their own fields.
  if (withoutScheme.includes('@')) return 'url must not contain credentials: give them as username and password';
  const match = HOST_PORT_PATH.exec(withoutScheme);
  if (match === null) return 'url must be host[:port][/path], optionally after http:// or https://';
  const port = match.groups?.['port'];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535)) {
    return 'url port must be between 1 and 65535';
  }
  return undefined;
}

/**
 * Every rule the given registry fields break, each naming its field as the API spells it, so that
 * one refusal tells the user everything to fix. Absent fields (an update leaves them as they are)
 * break none.
 */
export function registryViolations(fields: { name?: string; url?: string; username?: string }): string[] {
  const violations: (string | undefined)[] = [
    fields.name === undefined ? undefined : resourceNameViolation(fields.name),
    fields.url === undefined ? undefined : registryUrlViolation(fields.url),
    fields.username !== undefined && fields.username.length > REGISTRY_USERNAME_MAX_LENGTH
      ? `username must be at most ${REGISTRY_USERNAME_MAX_LENGTH} characters`
      : undefined,
  ];
  return violations.filter((violation) => violation !== undefined);
}
