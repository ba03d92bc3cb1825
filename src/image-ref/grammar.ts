// The distribution reference grammar:
// https://github.com/distribution/reference/blob/main/reference.go
const alphaNumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphaNumeric}(?:${separator}${alphaNumeric})*`;

export const PATH_COMPONENT = new RegExp(`^${pathComponent}$`);
export const TAG = /^[\w][\w.-]{0,127}$/;
export const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
export const ANY_DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
export const DOMAIN_NAME = new RegExp(`^${domainComponent}(?:\\.${domainComponent})*$`);
export const IPV6 = /^\[[a-fA-F0-9:]+\]$/;
export const PORT = /^[0-9]{1,5}$/;
/** Docker refuses 64-hex names: they look like image IDs. */
export const IMAGE_ID = /^[a-f0-9]{64}$/;
export const MAX_NAME_LENGTH = 255;
