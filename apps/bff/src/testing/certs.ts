import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Test certificates made at test time with the machine's openssl (self-signed, P-256): a valid
 * one for a host, one that expired, one not valid yet, one for another host, and a key that
 * belongs to none of them. `openssl ca` gives the explicit validity dates `req -x509` cannot.
 */

export interface TestCert {
  certificate: string;
  privateKey: string;
}

export interface TestCerts {
  valid: TestCert;
  expired: TestCert;
  notYetValid: TestCert;
  otherHost: TestCert;
  strayKey: string;
}

const CA_CONFIG = `[ ca ]
default_ca = CA_default
[ CA_default ]
dir = .
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = policy_any
copy_extensions = copy
unique_subject = no
[ policy_any ]
commonName = supplied
`;

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';

export function makeTestCerts(host: string): TestCerts {
  const dir = mkdtempSync(join(tmpdir(), 'certs-'));
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  writeFileSync(join(dir, 'ca.cnf'), CA_CONFIG);
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  let n = 0;
  const make = (cn: string, from: number, to: number): TestCert => {
    n += 1;
    const key = `k${n}.pem`;
    run(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', `r${n}.csr`, '-subj', `/CN=${cn}`, '-addext', `subjectAltName=DNS:${cn}`]);
    run(['ca', '-batch', '-config', 'ca.cnf', '-selfsign', '-keyfile', key, '-in', `r${n}.csr`, '-out', `c${n}.pem`, '-startdate', stamp(from), '-enddate', stamp(to), '-notext']);
    return { certificate: readFileSync(join(dir, `c${n}.pem`), 'utf8'), privateKey: readFileSync(join(dir, key), 'utf8') };
  };
  const now = Date.now();
  const day = 24 * 3600_000;
  try {
    const certs: TestCerts = {
      valid: make(host, now - day, now + 90 * day),
      expired: make(host, now - 60 * day, now - 30 * day),
      notYetValid: make(host, now + 30 * day, now + 60 * day),
      otherHost: make('other.example.com', now - day, now + 90 * day),
      strayKey: '',
    };
    run(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'stray.pem']);
    certs.strayKey = readFileSync(join(dir, 'stray.pem'), 'utf8');
    return certs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
