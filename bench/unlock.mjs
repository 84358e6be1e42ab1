// unlock.mjs - how long the offline store takes to open: PBKDF2-SHA-256
// at the 310,000 rounds web/vault.js uses, in Debian's Chromium, against
// a baseline of 31,000 rounds (a tenth) in the same run.
//
//   node bench/unlock.mjs          (after tests/e2e has its node_modules)
//
// Prints a Markdown table.  DevTools' CPU throttle is no help for a phone
// estimate: WebCrypto runs off the main thread, and in headless Chromium
// here the throttle did not slow even a JavaScript loop (tried 4x, 6x).
import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const { chromium } = await import(path.join(here, '../tests/e2e/node_modules/playwright-core/index.mjs'));
const CHROME = process.env.LBCARE_CHROMIUM || '/usr/bin/chromium';
const ROUNDS = 310000, BASE = 31000, REPEAT = Number(process.env.REPEAT || 7);

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lbcare-bench-'));
const ctx = await chromium.launchPersistentContext(profile, {
	executablePath: CHROME, headless: true,
	args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = ctx.pages()[0] || await ctx.newPage();
// WebCrypto needs a secure context: a loopback page, answered here.
await page.route('http://127.0.0.1:9/**', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>unlock</title>' }));
await page.goto('http://127.0.0.1:9/');

// The median ms of deriving an AES key from a password with n rounds,
// and of a plain JavaScript loop (a yardstick for the machine).
async function measure(n) {
	return page.evaluate(async ([n, repeat]) => {
		const enc = new TextEncoder(), t = [], js = [];
		for (let i = 0; i < repeat; i++) {
			const salt = crypto.getRandomValues(new Uint8Array(16));
			const base = await crypto.subtle.importKey('raw', enc.encode('demo-pass-2026'), 'PBKDF2', false, ['deriveKey']);
			let t0 = performance.now();
			await crypto.subtle.deriveKey({ name: 'PBKDF2', salt, iterations: n, hash: 'SHA-256' }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt']);
			t.push(performance.now() - t0);
			t0 = performance.now();
			let x = 0;
			for (let k = 0; k < 2e6; k++) x = (x * 31 + k) | 0;
			js.push(performance.now() - t0 + (x & 0));
		}
		const med = (a) => a.sort((p, q) => p - q)[a.length >> 1];
		return { ms: med(t), js: med(js) };
	}, [n, REPEAT]);
}

const b = await measure(BASE), r = await measure(ROUNDS);
await ctx.close();
fs.rmSync(profile, { recursive: true, force: true });

console.log(`| ${BASE} rounds (ms) | ${ROUNDS} rounds (ms) | ratio | JS loop of 2e6 (ms) |`);
console.log('|---|---|---|---|');
console.log(`| ${b.ms.toFixed(1)} | ${r.ms.toFixed(1)} | ${(r.ms / b.ms).toFixed(1)} | ${r.js.toFixed(1)} |`);
