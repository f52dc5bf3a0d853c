// An independent computation of an SmsOptOut erasure record's leaf, written from docs/evidence.md ("Erasure records in
// the log") alone (Node.js, no packages): node erasure-leaf.mjs <record.json>, where the JSON holds account, request_id,
// reason, erased_at (ISO 8601 in UTC, "…Z", any number of decimals) and erased_leaves (an array of indexes). Prints the
// leaf hash in hex.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const r = JSON.parse(readFileSync(process.argv[2], 'utf8'));
// The time: UTC, cut to whole milliseconds, written with seven decimals.
const t = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(r.erased_at);
if (!t) { console.log('erased_at is not a UTC time ending in Z'); process.exit(1); }
const time = `${t[1]}.${(t[2] ?? '').padEnd(3, '0').slice(0, 3)}0000Z`;
const fields = ['smsoptout-erasure-v1', r.account, r.request_id, r.reason, time, r.erased_leaves.join(',')];
const form = fields.map((f) => `${Buffer.byteLength(f, 'utf8')}:${f},`).join('');
console.log(createHash('sha256').update(Buffer.concat([Buffer.from([0]), Buffer.from(form, 'utf8')])).digest('hex'));
