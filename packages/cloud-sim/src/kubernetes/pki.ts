import 'reflect-metadata';
import { createPrivateKey, KeyObject, randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';

// The certificates of a cluster's API server, as ACK issues them: the cluster's own CA, a serving
// certificate for the API server's addresses, and client certificates (one per kubeconfig) that
// the API server authenticates. ECDSA P-256, made with WebCrypto (@peculiar/x509 writes X.509).

x509.cryptoProvider.set(webcrypto as never);

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const YEAR_MS = 365 * 24 * 3600_000;

export interface Pem {
  cert: string;
  key: string;
}

function serial(): string {
  // Positive, 16 bytes (the high bit cleared), as CAs write them.
  const b = randomBytes(16);
  b[0] = (b[0] ?? 0) & 0x7f;
  return b.toString('hex');
}

async function keyPair(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
}

function keyPem(key: CryptoKey): string {
  return KeyObject.from(key).export({ type: 'pkcs8', format: 'pem' }).toString();
}

async function signingKey(pem: string): Promise<CryptoKey> {
  const der = createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' });
  return webcrypto.subtle.importKey('pkcs8', der, ALG, false, ['sign']);
}

/** A cluster's CA (`CN=kubernetes`, the cluster id as organisation), valid ten years. */
export async function createClusterCa(clusterId: string, from: number): Promise<Pem> {
  const keys = await keyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=kubernetes, O=${clusterId}`,
    notBefore: new Date(from),
    notAfter: new Date(from + 10 * YEAR_MS),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign |
          x509.KeyUsageFlags.cRLSign |
          x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: cert.toString('pem'), key: keyPem(keys.privateKey) };
}

async function issue(
  ca: Pem,
  subject: string,
  from: number,
  to: number,
  usage: x509.ExtendedKeyUsage,
  names: x509.JsonGeneralNames,
): Promise<Pem> {
  const keys = await keyPair();
  const caCert = new x509.X509Certificate(ca.cert);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject,
    issuer: caCert.subject,
    notBefore: new Date(from),
    notAfter: new Date(to),
    publicKey: keys.publicKey,
    signingKey: await signingKey(ca.key),
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([usage]),
      await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey),
      ...(names.length > 0 ? [new x509.SubjectAlternativeNameExtension(names)] : []),
    ],
  });
  return { cert: cert.toString('pem'), key: keyPem(keys.privateKey) };
}

/** The API server's serving certificate: its IP addresses and the in-cluster names. */
export function createServingCert(ca: Pem, ips: string[], from: number, to: number): Promise<Pem> {
  const dns = [
    'kubernetes',
    'kubernetes.default',
    'kubernetes.default.svc',
    'kubernetes.default.svc.cluster.local',
  ];
  return issue(ca, 'CN=kube-apiserver', from, to, x509.ExtendedKeyUsage.serverAuth, [
    ...ips.map((value) => ({ type: 'ip' as const, value })),
    ...dns.map((value) => ({ type: 'dns' as const, value })),
  ]);
}

/** A client certificate for a kubeconfig: `CN=<user>`, valid [from, to). */
export function createClientCert(ca: Pem, user: string, from: number, to: number): Promise<Pem> {
  return issue(ca, `CN=${user}`, from, to, x509.ExtendedKeyUsage.clientAuth, []);
}

export type ClientCheck =
  { ok: true; user: string } | { ok: false; reason: 'missing' | 'untrusted' | 'expired' };

/**
 * What the API server checks of a client certificate: issued by this cluster's CA, meant for
 * client authentication, and valid at `now` (simulated time, so that the kubeconfig's expiration
 * and the certificate's agree).
 */
export function checkClientCert(
  caPem: string,
  peer: X509Certificate | undefined,
  now: number,
): ClientCheck {
  if (!peer) return { ok: false, reason: 'missing' };
  const ca = new X509Certificate(caPem);
  if (!peer.checkIssued(ca) || !peer.verify(ca.publicKey) || peer.ca)
    return { ok: false, reason: 'untrusted' };
  if (!(peer.keyUsage ?? []).includes('1.3.6.1.5.5.7.3.2'))
    return { ok: false, reason: 'untrusted' };
  if (now < Date.parse(peer.validFrom) || now >= Date.parse(peer.validTo))
    return { ok: false, reason: 'expired' };
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(peer.subject)?.[1] ?? '';
  return { ok: true, user: cn };
}
