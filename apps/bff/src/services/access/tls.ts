import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { ProblemError } from '../../errors/problem-error';
import { t, type TextKey } from './texts';

/**
 * The user's certificate and key, checked BEFORE anything is stored: both parse, the key belongs
 * to the certificate, the certificate is valid now and covers the host. Any failure is a 400 that
 * says what is wrong and what to do. The key is never part of an answer or a log.
 */

export interface CheckedTls {
  /** The chain and the key as PEM, normalised (trimmed, one trailing newline). */
  certificatePem: string;
  privateKeyPem: string;
  subject: string;
  notAfter: string;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

const refuse = (key: TextKey, locale: Locale, field: 'certificate' | 'privateKey', params: Record<string, string> = {}): never => {
  throw new ProblemError(400, {
    code: 'InvalidCertificate',
    message: t('tlsTitle', locale),
    issues: [{ path: ['tls', field], message: t(key, locale, params) }],
  });
};

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `CN=a, O=b` from Node's multi-line subject. */
export const subjectLine = (cert: X509Certificate) =>
  cert.subject
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
    .join(', ');

/** The DNS names a certificate is for (subjectAltName, else the CN), for the message. */
function namesOf(cert: X509Certificate): string {
  const alt = (cert.subjectAltName ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('DNS:'))
    .map((s) => s.slice(4));
  if (alt.length > 0) return alt.join(', ');
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1];
  return cn ?? '?';
}

/** Parses the leaf of a PEM chain (for showing a stored certificate): null when it does not parse. */
export function describeCertificate(pem: string): { subject: string; notAfter: string } | null {
  const leaf = pem.match(PEM_CERT)?.[0];
  if (!leaf) return null;
  try {
    const cert = new X509Certificate(leaf);
    return { subject: subjectLine(cert), notAfter: new Date(Date.parse(cert.validTo)).toISOString() };
  } catch {
    return null;
  }
}

export function checkTls(input: { certificate: string; privateKey: string }, host: string, now: number, locale: Locale): CheckedTls {
  const blocks = input.certificate.match(PEM_CERT) ?? [];
  let leaf: X509Certificate | undefined;
  try {
    // Every certificate of the chain must parse; the first is the server's.
    leaf = blocks.map((b) => new X509Certificate(b))[0];
  } catch {
    leaf = undefined;
  }
  if (!leaf) return refuse('certUnreadable', locale, 'certificate');

  let key: KeyObject;
  try {
    key = createPrivateKey({ key: input.privateKey, format: 'pem' });
  } catch {
    return refuse('keyUnreadable', locale, 'privateKey');
  }
  if (!leaf.checkPrivateKey(key)) refuse('keyMismatch', locale, 'privateKey');

  const notBefore = Date.parse(leaf.validFrom);
  const notAfter = Date.parse(leaf.validTo);
  if (Number.isFinite(notAfter) && now > notAfter) refuse('certExpired', locale, 'certificate', { date: day(notAfter) });
  if (Number.isFinite(notBefore) && now < notBefore) refuse('certNotYetValid', locale, 'certificate', { date: day(notBefore) });
  if (leaf.checkHost(host) === undefined) refuse('certWrongHost', locale, 'certificate', { names: namesOf(leaf), host });

  const pemKey = input.privateKey.trim();
  return {
    certificatePem: `${blocks.join('\n')}\n`,
    privateKeyPem: `${pemKey}\n`,
    subject: subjectLine(leaf),
    notAfter: new Date(notAfter).toISOString(),
  };
}
