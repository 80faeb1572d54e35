import { createHmac } from 'node:crypto';
import { compareNames, percentEncode, type Pairs } from './encoding';

/** StringToSign of the RPC V1 scheme: METHOD&%2F&encode(sorted canonical query). */
export function rpcStringToSign(method: string, params: Pairs): string {
  const canonical = params
    .filter(([name]) => name !== 'Signature')
    .map(([name, value]): [string, string] => [percentEncode(name), percentEncode(value)])
    .sort((a, b) => compareNames(a[0], b[0]) || compareNames(a[1], b[1]))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonical)}`;
}

/** Base64(HMAC-SHA1(secret + "&", stringToSign)). */
export function rpcSign(accessKeySecret: string, stringToSign: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}
