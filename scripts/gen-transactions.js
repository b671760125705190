// A generated transaction log, byte for byte the one of benches/parse.rs
// (same SplitMix64 stream, same columns and formats), for the browser bench
// and the end-to-end tests. `french`: `;`, dd/mm/yyyy, `1 234,56 €`.
'use strict';

const MASK = (1n << 64n) - 1n;

function* splitmix64(seed) {
  let s = BigInt(seed);
  for (;;) {
    s = (s + 0x9E3779B97F4A7C15n) & MASK;
    let z = s;
    z = ((z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94D049BB133111EBn) & MASK;
    yield z ^ (z >> 31n);
  }
}

const pad = (n, w) => String(n).padStart(w, '0');

/** The CSV as a Buffer: a header and `rows` purchases. */
function transactions(rows, { french = false } = {}) {
  const channels = ['store', 'web', 'app', 'phone'];
  const segments = ['standard', 'premium', 'business'];
  const sep = french ? ';' : ',';
  const parts = [french
    ? 'Client;Date de commande;Montant;Canal;Segment\n'
    : 'customer_id,order_date,amount,channel,segment\n'];
  const rng = splitmix64(42);
  let chunk = [];
  for (let i = 0; i < rows; i++) {
    const r = rng.next().value;
    // Split once into two 32-bit halves: Number arithmetic is much faster.
    const hi = Number(r >> 32n);
    const customer = Number(r % 200000n);
    const day = Number((r >> 20n) % 730n);
    const y = 2023 + Math.floor(day / 365);
    const doy = day % 365;
    const month = Math.floor(doy / 31) + 1;
    const dom = (doy % 28) + 1;
    const cents = (hi % 250000) + 100;
    const ch = channels[(hi >>> 18) % 4];
    const seg = segments[Math.floor(hi / 2 ** 23) % 3];
    let line;
    if (french) {
      const euros = Math.floor(cents / 100);
      const amount = euros >= 1000
        ? `${Math.floor(euros / 1000)}\u00a0${pad(euros % 1000, 3)},${pad(cents % 100, 2)} €`
        : `${euros},${pad(cents % 100, 2)} €`;
      line = `C${pad(customer, 7)}${sep}${pad(dom, 2)}/${pad(month, 2)}/${y}${sep}${amount}${sep}${ch}${sep}${seg}\n`;
    } else {
      line = `C${pad(customer, 7)}${sep}${y}-${pad(month, 2)}-${pad(dom, 2)}${sep}${Math.floor(cents / 100)}.${pad(cents % 100, 2)}${sep}${ch}${sep}${seg}\n`;
    }
    chunk.push(line);
    if (chunk.length === 10000) { parts.push(chunk.join('')); chunk = []; }
  }
  parts.push(chunk.join(''));
  return Buffer.from(parts.join(''), 'utf8');
}

module.exports = { transactions };

if (require.main === module) {
  const rows = Number(process.argv[2] || 1000000);
  process.stdout.write(transactions(rows, { french: process.argv[3] === 'fr' }));
}
