// An independent verifier of SmsOptOut consent certificates, written from docs/evidence.md alone (Node.js, no
// packages): node verify-certificate.mjs <certificate.json> <key id>=<base64 Ed25519 public key> ...
// Prints "valid" and exits 0, or prints why not and exits 1.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts)).digest();
const fail = (why) => { console.log('invalid: ' + why); process.exit(1); };

const [file, ...keyArgs] = process.argv.slice(2);
const keys = Object.fromEntries(keyArgs.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
const c = JSON.parse(readFileSync(file, 'utf8'));
if (c.format !== 'smsoptout-consent-certificate/v1') fail('unknown format');

// 1. The leaf: netstrings of the fields in their fixed order; an absent field is "-,".
const e = c.event, v = e.evidence;
const fields = ['smsoptout-consent-v1', c.salt, e.event_id, e.account, e.number, e.kind, e.source, e.scope, e.list, e.campaign,
  e.occurred_at, e.recorded_at, e.paused_until, e.reverts, v.message_text, v.provider_message_id, v.provider_name,
  v.provider_error_code, v.link_token, v.user_agent, v.ip_address, v.page_url, v.disclosure_text, v.note];
const form = fields.map((f) => (f === null || f === undefined ? '-,' : `${Buffer.byteLength(f, 'utf8')}:${f},`)).join('');
let r = sha256(Buffer.from([0]), Buffer.from(form, 'utf8'));

// 2. The inclusion proof (RFC 9162 2.1.3.2) from the leaf to the root.
const size = BigInt(c.checkpoint.tree_size);
let fn = BigInt(c.leaf_index), sn = size - 1n;
if (fn >= size) fail('leaf index outside the tree');
for (const p64 of c.inclusion_proof) {
  const p = Buffer.from(p64, 'base64');
  if (sn === 0n) fail('proof too long');
  if ((fn & 1n) === 1n || fn === sn) {
    r = sha256(Buffer.from([1]), p, r);
    if ((fn & 1n) === 0n) while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
  } else {
    r = sha256(Buffer.from([1]), r, p);
  }
  fn >>= 1n; sn >>= 1n;
}
if (sn !== 0n || !r.equals(Buffer.from(c.checkpoint.root_hash, 'base64'))) fail('the event does not lead to the checkpoint root');

// 3. The checkpoint's signature: Ed25519 over "origin\nsize\nroot\ntime <time>\n".
const cp = c.checkpoint;
if (cp.origin !== 'smsoptout/' + e.account) fail('the checkpoint is not this account\'s log');
const key = keys[cp.key_id];
if (!key) fail('no key ' + cp.key_id);
const body = Buffer.from(`${cp.origin}\n${cp.tree_size}\n${cp.root_hash}\ntime ${cp.time}\n`, 'utf8');
const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(key, 'base64').toString('base64url') }, format: 'jwk' });
if (!verify(null, body, publicKey, Buffer.from(cp.signature, 'base64'))) fail('bad signature');
console.log('valid');
