// browser.mjs - LBCare end-to-end test in a real headless Chromium.
//
//   LBCARE_URL=http://127.0.0.1:8080 LBCARE_ARTIFACTS=/tmp/shots node browser.mjs
//
// Drives Debian's /usr/bin/chromium through playwright-core (no browser
// download), with a fresh profile.  Prints TAP; exits 1 on any failure.
// Every step has a time limit and the whole run stops before 2 minutes.
// Screenshots (360 px and desktop) go to LBCARE_ARTIFACTS.
import { chromium } from 'playwright-core';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const BASE = (process.env.LBCARE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
const ART = process.env.LBCARE_ARTIFACTS || path.join(here, 'artifacts');
const CHROME = process.env.LBCARE_CHROMIUM || '/usr/bin/chromium';
const PASSWORD = 'demo-pass-2026';
const STEP_MS = 20000;          // one step
const TOTAL_MS = 110000;        // the whole run (hard stop a little later)
const SIZES = [['360', { width: 360, height: 740 }], ['desktop', { width: 1280, height: 800 }]];
const DESKTOP = SIZES[1][1];
const started = Date.now();

let ctx, page, profile;
const pageErrors = [];
const state = {};

function fail(msg) { throw new Error(msg); }

async function shoot(name) {
	fs.mkdirSync(ART, { recursive: true });
	try {
		for (const [label, vp] of SIZES) {
			await page.setViewportSize(vp);
			await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
			await page.screenshot({ path: path.join(ART, `${name}-${label}.png`), fullPage: true });
			const wide = await page.evaluate(() => document.documentElement.scrollWidth);
			if (wide > vp.width) fail(`${name} at ${vp.width} px is ${wide} px wide (scrolls sideways)`);
		}
	} finally {
		await page.setViewportSize(DESKTOP);
	}
}

async function login(who) {
	await page.locator('#login').waitFor({ state: 'visible' });
	await page.fill('#login', who);
	await page.fill('#password', PASSWORD);
	await page.click('form.login button[type=submit]');
}

// An 18-character ID number whose check character is wrong (GB 11643).
function badIdNumber(region6) {
	const first17 = (/^\d{6}$/.test(region6) ? region6 : '630121') + '20150601' + '123';
	const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17[i]) * w[i];
	const good = '10X98765432'[sum % 11];
	return first17 + (good === '0' ? '1' : '0');
}

// RFC 6238 code for a base32 secret at unix time t (what an app shows).
function totp(secret, t) {
	const alpha = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = '';
	for (const c of secret.toUpperCase()) bits += alpha.indexOf(c).toString(2).padStart(5, '0');
	const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
	const msg = Buffer.alloc(8);
	msg.writeBigUInt64BE(BigInt(Math.floor(t / 30)));
	const mac = crypto.createHmac('sha1', key).update(msg).digest();
	const o = mac[mac.length - 1] & 15;
	return String((mac.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, '0');
}

// Turn the second factor on for a login through the API, as its owner.
async function enrolTotp(who) {
	const r = await fetch(BASE + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: who, password: PASSWORD }) });
	if (!r.ok) fail(`API sign-in as ${who}: ${r.status}`);
	const cookie = r.headers.get('set-cookie').split(';')[0];
	const csrf = (await r.json()).csrf_token;
	const hd = { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf };
	const s = await fetch(BASE + '/api/v1/session/totp', { method: 'POST', headers: hd, body: '{}' });
	if (!s.ok) fail(`totp set-up: ${s.status}`);
	const secret = new URL((await s.json()).otpauth_uri).searchParams.get('secret');
	const now = Date.now() / 1000;
	const e = await fetch(BASE + '/api/v1/session/totp/enable', { method: 'POST', headers: hd, body: JSON.stringify({ code: totp(secret, now) }) });
	if (!e.ok) fail(`totp enable: ${e.status}`);
	return secret;
}

const steps = [
	// A step marked gate: when it fails, the steps after it are not run.
	['the shell loads and shows the Chinese login form', { gate: true }, async () => {
		const r = await page.goto(BASE + '/', { waitUntil: 'domcontentloaded' });
		if (!r || !r.ok()) fail(`GET / answered ${r && r.status()}`);
		await page.locator('#login').waitFor({ state: 'visible' });
		const lang = await page.getAttribute('html', 'lang');
		if (lang !== 'zh-CN') fail(`html lang is ${lang}, expected zh-CN`);
		const h1 = await page.textContent('main h1');
		if (h1.trim() !== '登录') fail(`login heading is "${h1}"`);
		await shoot('login');
	}],
	['worker logs in and sees the home with the caseload count', { gate: true }, async () => {
		await login('worker');
		await page.locator('[data-home="worker"]').waitFor();
		const n = (await page.textContent('[data-count="children"] .num')).trim();
		if (!/\d/.test(n)) fail(`caseload count is "${n}"`);
		console.log(`# caseload: ${n}`);
		await shoot('home');
	}],
	['the children list shows rows', async () => {
		await page.click('#nav a[data-nav="children"]');
		await page.locator('table.list tbody tr').first().waitFor();
		const rows = await page.locator('table.list tbody tr').count();
		if (rows < 1) fail('no rows');
		state.name = (await page.locator('table.list tbody tr td:first-child a').first().textContent()).trim();
		if (!state.name) fail('first row has no name');
		console.log(`# ${rows} rows, first: ${state.name}`);
		await shoot('children');
	}],
	['searching a child by name lists only matching rows', async () => {
		await page.fill('#q', state.name);
		await page.press('#q', 'Enter');
		await page.waitForFunction((name) => {
			const rows = [...document.querySelectorAll('table.list tbody tr')];
			return location.hash.includes('q=') && rows.length > 0 && rows.every((r) => r.cells[0].textContent.includes(name));
		}, state.name);
	}],
	['opening a child shows the record', async () => {
		await page.locator('table.list tbody tr td:first-child a').first().click();
		await page.locator('dl.record').waitFor();
		await page.waitForFunction(() => /^#\/children\/\d+$/.test(location.hash));
		const h1 = (await page.textContent('main h1')).trim();
		if (h1 !== state.name) fail(`record heading is "${h1}", expected "${state.name}"`);
		const dts = await page.locator('dl.record dt').count();
		if (dts < 3) fail(`only ${dts} fields shown`);
		await shoot('child');
	}],
	['the language switches to Tibetan, is remembered, and switches back', async () => {
		await page.selectOption('#lang', 'bo');
		await page.waitForFunction(() => document.documentElement.lang === 'bo');
		const bo = (await page.textContent('#nav a[data-nav="children"]')).trim();
		if (bo !== 'བྱིས་པ།') fail(`Tibetan children menu label is "${bo}"`);
		await page.reload({ waitUntil: 'domcontentloaded' });
		await page.locator('dl.record').waitFor();
		const kept = await page.getAttribute('html', 'lang');
		if (kept !== 'bo') fail(`after reload html lang is ${kept}`);
		await shoot('child-bo');
		await page.selectOption('#lang', 'zh');
		await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
		const zh = (await page.textContent('#nav a[data-nav="children"]')).trim();
		if (zh !== '儿童') fail(`Chinese children menu label is "${zh}"`);
	}],
	['the new-child form shows the server\'s error at id_number', async () => {
		const sample = await page.evaluate(async () => {
			const r = await fetch('/api/v1/children?limit=1', { headers: { Accept: 'application/json' } });
			return r.ok ? ((await r.json()).items || [])[0] || {} : {};
		});
		await page.evaluate(() => { location.hash = '#/new/children'; });
		const form = page.locator('form.record-form');
		await form.waitFor();
		const idInput = form.locator('[name="id_number"]');
		if (!(await idInput.count())) fail('the form has no id_number field');
		const bad = badIdNumber(String(sample.village_code || '').slice(0, 6));
		// Fill every required field with something valid, taken from an
		// existing child where it can be, so that id_number is the only fault.
		const req = await form.locator('[required]').evaluateAll((els) => els.map((e) => ({ name: e.name, tag: e.tagName, type: e.type, min: e.min, options: e.tagName === 'SELECT' ? [...e.options].map((o) => o.value).filter(Boolean) : [] })));
		for (const f of req) {
			const sel = `form.record-form [name="${f.name}"]`;
			const have = sample[f.name];
			if (f.tag === 'SELECT') {
				const want = f.name === 'sex' && f.options.includes('M') ? 'M' : f.options.includes(String(have)) ? String(have) : f.options[0];
				await page.selectOption(sel, want);
			} else if (f.type === 'date') await page.fill(sel, '2015-06-01');
			else if (f.type === 'number') await page.fill(sel, String(have ?? (f.min || 1)));
			else await page.fill(sel, f.name === 'name' ? '测试儿童' : String(have ?? '测试'));
		}
		await page.fill('form.record-form [name="birth_date"]', '2015-06-01').catch(() => {});
		await idInput.fill(bad);
		await form.locator('button[type=submit]').click();
		await form.locator('[name="id_number"][aria-invalid="true"]').waitFor();
		const msg = (await page.textContent('#err-id_number')).trim();
		if (!msg) fail('no message at id_number');
		const described = await idInput.getAttribute('aria-describedby');
		if (described !== 'err-id_number') fail('id_number is not described by its message');
		const focused = await page.evaluate(() => document.activeElement && document.activeElement.name);
		if (focused !== 'id_number') fail(`focus is on ${focused}, not id_number`);
		const live = (await page.textContent('#msg')).trim();
		if (!live) fail('nothing in the live region');
		console.log(`# id_number ${bad}: ${msg}`);
		await shoot('form-error');
	}],
	['offline, a new child waits in the outbox and syncs once when back online', async () => {
		const count = () => page.evaluate(async () => (await (await fetch('/api/v1/children?q=' + encodeURIComponent('离线登记'), { headers: { Accept: 'application/json' } })).json()).items.length);
		if (await count() !== 0) fail('the test child exists already');
		const sample = await page.evaluate(async () => ((await (await fetch('/api/v1/children?limit=1', { headers: { Accept: 'application/json' } })).json()).items || [])[0] || {});
		await page.evaluate(() => { location.hash = '#/new/children'; });
		const form = page.locator('form.record-form');
		await form.waitFor();
		await ctx.setOffline(true);
		await page.waitForFunction(() => !navigator.onLine);
		await page.fill('form.record-form [name="name"]', '离线登记');
		await page.selectOption('form.record-form [name="sex"]', 'F');
		await page.fill('form.record-form [name="birth_date"]', '2016-02-02');
		await page.fill('form.record-form [name="village_code"]', String(sample.village_code));
		await page.fill('form.record-form [name="id_number"]', '');
		await form.locator('button[type=submit]').click();
		await page.waitForFunction(() => location.hash === '#/outbox');
		await page.locator('a[data-nav="outbox"]').waitFor();
		await shoot('outbox');
		await ctx.setOffline(false);
		await page.waitForFunction(() => navigator.onLine);
		try {
			await page.locator('a[data-nav="outbox"]').waitFor({ state: 'detached', timeout: 10000 });
		} catch (e) {
			const st = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).filter(([k]) => k.startsWith('lbcare.outbox'))));
			fail(`outbox not emptied: ${st}`);
		}
		const n = await count();
		if (n !== 1) fail(`after sync the child exists ${n} times`);
	}],
	['logging out returns to the login form and ends the session', async () => {
		await page.click('#logout');
		await page.locator('#login').waitFor({ state: 'visible' });
		const st = await page.evaluate(async () => (await fetch('/api/v1/session', { headers: { Accept: 'application/json' } })).status);
		if (st !== 401) fail(`GET /api/v1/session after logout answered ${st}`);
	}],
	['purchaser logs in and sees the purchaser home', async () => {
		await login('purchaser');
		await page.locator('[data-home="purchaser"]').waitFor();
		const h1 = (await page.textContent('main h1')).trim();
		console.log(`# purchaser home: ${h1}`);
		await shoot('purchaser-home');
	}],
	['with a second factor on, sign-in asks for the code and accepts it', async () => {
		const secret = await enrolTotp('supervisor');
		await page.click('#logout');
		await login('supervisor');
		await page.locator('#otp').waitFor({ state: 'visible' });
		const msg = (await page.textContent('form.login .form-err')).trim();
		if (!msg) fail('no message asks for the code');
		await shoot('login-otp');
		// The enrolment used this step's code: the next one is accepted.
		await page.fill('#otp', totp(secret, Date.now() / 1000 + 30));
		await page.click('form.login button[type=submit]');
		await page.locator('[data-home]').waitFor();
		console.log(`# second factor asked: ${msg}`);
	}],
	['no script errors in the page', async () => {
		if (pageErrors.length) fail(pageErrors.join(' | '));
	}],
];

async function withTimeout(p, ms, what) {
	let timer;
	const t = new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`${what}: timed out after ${ms} ms`)), ms); });
	try { return await Promise.race([p, t]); } finally { clearTimeout(timer); }
}

async function main() {
	console.log(`1..${steps.length}`);
	let failed = 0, blocked = 0;
	const hard = setTimeout(() => {
		console.log('# whole run exceeded its time limit');
		process.exit(1);
	}, TOTAL_MS + 8000);

	profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lbcare-e2e-'));
	try {
		ctx = await withTimeout(chromium.launchPersistentContext(profile, {
			executablePath: CHROME,
			headless: true,
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
				'--disable-background-networking', '--disable-component-update', '--disable-sync'],
			viewport: DESKTOP,
			locale: 'zh-CN',
		}), 30000, 'launch');
		page = ctx.pages()[0] || await ctx.newPage();
		page.setDefaultTimeout(STEP_MS - 5000);
		page.on('pageerror', (e) => pageErrors.push(e.message));
	} catch (e) {
		for (let i = 0; i < steps.length; i++) {
			console.log(`not ok ${i + 1} - ${steps[i][0]}`);
			console.log(`# browser did not start: ${String(e.message).split('\n')[0]}`);
		}
		await cleanup();
		clearTimeout(hard);
		return 1;
	}

	for (let i = 0; i < steps.length; i++) {
		const [name, opt, fn] = steps[i].length === 3 ? steps[i] : [steps[i][0], {}, steps[i][1]];
		const left = TOTAL_MS - (Date.now() - started);
		if (left < 2000 || blocked) {
			console.log(`not ok ${i + 1} - ${name}\n# not run: ${blocked ? `step ${blocked} failed` : 'the time for the whole run is used up'}`);
			failed++;
			continue;
		}
		try {
			await withTimeout(fn(), Math.min(STEP_MS, left), name);
			console.log(`ok ${i + 1} - ${name}`);
		} catch (e) {
			failed++;
			if (opt.gate) blocked = i + 1;
			console.log(`not ok ${i + 1} - ${name}`);
			const text = String(e.message || e).replace(/\x1b\[[0-9;]*m/g, '');
			for (const line of text.split('\n').filter((l) => l.trim()).slice(0, 4)) console.log(`# ${line}`);
			try {
				fs.mkdirSync(ART, { recursive: true });
				await withTimeout(page.screenshot({ path: path.join(ART, `fail-${i + 1}.png`) }), 5000, 'screenshot');
			} catch { /* the failure is reported already */ }
		}
	}
	console.log(`# ${steps.length - failed} passed, ${failed} failed, ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${ART}`);
	await cleanup();
	clearTimeout(hard);
	return failed ? 1 : 0;
}

async function cleanup() {
	if (ctx) await withTimeout(ctx.close(), 10000, 'close').catch(() => {});
	if (profile) fs.rmSync(profile, { recursive: true, force: true });
}

main().then((rc) => process.exit(rc), (e) => {
	console.log(`# ${e && e.stack || e}`);
	process.exit(1);
});
