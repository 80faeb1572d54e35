import { createHmac } from 'node:crypto';
import { compareNames, percentDecode, type Pairs } from './encoding';

function clean(value: string): string {
  return value.replace(/[\t\n\r\f]/g, ' ').trim();
}

/**
 * StringToSign of the ROA (acs) scheme:
 * METHOD\nAccept\nContent-MD5\nContent-Type\nDate\n<x-acs-* headers><resource>,
 * the resource being the decoded path plus the decoded query sorted by name (raw values).
 */
export function roaStringToSign(
  method: string,
  path: string,
  query: Pairs,
  headers: Record<string, string | undefined>,
): string {
  const h = (name: string) => headers[name] ?? '';
  const acsHeaders = Object.keys(headers)
    .filter((name) => name.startsWith('x-acs-'))
    .sort(compareNames)
    .map((name) => `${name}:${clean(h(name))}\n`)
    .join('');
  const sorted = [...query].sort((a, b) => compareNames(a[0], b[0]));
  const resource =
    sorted.length === 0
      ? percentDecode(path)
      : `${percentDecode(path)}?${sorted.map(([k, v]) => `${k}=${v}`).join('&')}`;
  return `${method.toUpperCase()}\n${h('accept')}\n${h('content-md5')}\n${h('content-type')}\n${h('date')}\n${acsHeaders}${resource}`;
}

/** Base64(HMAC-SHA1(secret, stringToSign)): no trailing `&` on the key, unlike RPC. */
export function roaSign(accessKeySecret: string, stringToSign: string): string {
  return createHmac('sha1', accessKeySecret).update(stringToSign, 'utf8').digest('base64');
}
