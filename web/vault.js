// vault.js - the outbox: records made offline wait here, encrypted, until
// they are sent.  AES-GCM (256) with a key derived by PBKDF2-SHA-256 from
// the person's password at sign-in.  The key is never stored: it lives in
// this module's memory only, so after a reload the password unlocks it
// again.  IndexedDB "lbcare" holds:
//   outbox {id, login, iv, ct}   one record; ct = AES-GCM(JSON), AAD = login + id
//   keys   {login, salt, iv, ct} the salt, and a known text sealed under the
//                                key, to tell a wrong password from a right one
//   cache  {k, login, at, iv, ct} records read online, kept so they can be
//                                opened and edited offline; k = SHA-256 of
//                                login, resource and id; at = when it was read
// Nothing else about a record is kept in the clear: who it is for, what
// it says and the snapshot an edit started from are all in ct.
const DB = 'lbcare', ITER = 310000, CHECK = 'lbcare-outbox-v1', CACHE_MAX = 500;
const enc = new TextEncoder(), dec = new TextDecoder();
let key = null, owner = null, items = [];

function open() {
	return new Promise((ok, no) => {
		const r = indexedDB.open(DB, 2);
		r.onupgradeneeded = (ev) => {
			const d = r.result;
			if (ev.oldVersion < 1) {
				d.createObjectStore('outbox', { keyPath: 'id' }).createIndex('login', 'login');
				d.createObjectStore('keys', { keyPath: 'login' });
			}
			if (ev.oldVersion < 2) d.createObjectStore('cache', { keyPath: 'k' }).createIndex('login', 'login');
		};
		r.onsuccess = () => ok(r.result);
		r.onerror = () => no(r.error);
	});
}
// One request in its own transaction; resolves when it is committed.
async function run(store, mode, fn) {
	const d = await open();
	try {
		return await new Promise((ok, no) => {
			const t = d.transaction(store, mode);
			const r = fn(t.objectStore(store));
			t.oncomplete = () => ok(r && r.result);
			t.onerror = t.onabort = () => no(t.error);
		});
	} finally { d.close(); }
}

async function derive(password, salt) {
	const base = await crypto.subtle.importKey('raw', enc.encode(password), 'PBKDF2', false, ['deriveKey']);
	return crypto.subtle.deriveKey({ name: 'PBKDF2', salt, iterations: ITER, hash: 'SHA-256' },
		base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}
async function seal(k, text, aad) {
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(aad) }, k, enc.encode(text));
	return { iv, ct: new Uint8Array(ct) };
}
async function unseal(k, iv, ct, aad) {
	return dec.decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(aad) }, k, ct));
}

// Records waiting for login, counted without the key (the indicator).
export async function count(login) {
	try { return await run('outbox', 'readonly', (s) => s.index('login').count(login)); } catch { return 0; }
}
export const isOpen = (login) => key !== null && owner === login;
export const list = () => items.slice();

// Open the outbox of login with password.  A first use makes the salt.
// A password that does not open it throws Error('locked'); if it holds
// nothing, reset makes a new salt instead (the password was changed).
export async function unlock(login, password, reset) {
	let row = await run('keys', 'readonly', (s) => s.get(login));
	if (row) {
		const k = await derive(password, row.salt);
		try {
			if (await unseal(k, row.iv, row.ct, login) === CHECK) return load(login, k);
		} catch { /* wrong password */ }
		if (!reset || await count(login)) throw new Error('locked');
	}
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const k = await derive(password, salt);
	row = { login, salt, ...await seal(k, CHECK, login) };
	await run('keys', 'readwrite', (s) => s.put(row));
	return load(login, k);
}
async function load(login, k) {
	const rows = await run('outbox', 'readonly', (s) => s.index('login').getAll(login));
	const out = [];
	for (const r of rows) out.push(JSON.parse(await unseal(k, r.iv, r.ct, login + '/' + r.id)));
	key = k; owner = login; items = out.sort((a, b) => a.id - b.id);
	return items.length;
}
export function lock() { key = null; owner = null; items = []; }

export async function put(item) {
	if (!key) throw new Error('locked');
	const row = { id: item.id, login: owner, ...await seal(key, JSON.stringify(item), owner + '/' + item.id) };
	await run('outbox', 'readwrite', (s) => s.put(row));
	items = items.filter((x) => x.id !== item.id).concat([item]).sort((a, b) => a.id - b.id);
}
export async function del(id) {
	await run('outbox', 'readwrite', (s) => s.delete(id));
	items = items.filter((x) => x.id !== id);
}

// ---------- records read online, for offline reading and editing ----------
async function cacheKey(res, id) {
	const h = await crypto.subtle.digest('SHA-256', enc.encode(owner + '\n' + res + '\n' + id));
	return [...new Uint8Array(h)].map((x) => x.toString(16).padStart(2, '0')).join('');
}
// Keep these records of res (a no-op while the vault is closed).
export async function remember(res, recs) {
	if (!key) return;
	const d = await open();
	try {
		const rows = [];
		for (const rec of recs) {
			if (rec == null || rec.id == null) continue;
			const k = await cacheKey(res, rec.id), at = Date.now();
			rows.push({ k, login: owner, at, ...await seal(key, JSON.stringify({ res, rec, at }), owner + '/c/' + k) });
		}
		await new Promise((ok, no) => {
			const t = d.transaction('cache', 'readwrite'), s = t.objectStore('cache');
			for (const r of rows) s.put(r);
			// The oldest go first once there are more than CACHE_MAX:
			// counted every time, read whole only then.
			const n = s.index('login').count(owner);
			n.onsuccess = () => {
				if (n.result <= CACHE_MAX) return;
				const all = s.index('login').getAll(owner);
				all.onsuccess = () => {
					const old = all.result.sort((a, b) => a.at - b.at);
					for (let i = 0; i < old.length - CACHE_MAX; i++) s.delete(old[i].k);
				};
			};
			t.oncomplete = ok;
			t.onerror = t.onabort = () => no(t.error);
		});
	} finally { d.close(); }
}
// The kept copy of one record: {rec, at}, or null.
export async function recall(res, id) {
	if (!key) return null;
	const k = await cacheKey(res, id);
	const row = await run('cache', 'readonly', (s) => s.get(k));
	if (!row) return null;
	const x = JSON.parse(await unseal(key, row.iv, row.ct, owner + '/c/' + k));
	return x.res === res ? { rec: x.rec, at: x.at } : null;
}
// Every kept record of res, newest read first.
export async function recallAll(res) {
	if (!key) return [];
	const rows = await run('cache', 'readonly', (s) => s.index('login').getAll(owner));
	const out = [];
	for (const r of rows) {
		const x = JSON.parse(await unseal(key, r.iv, r.ct, owner + '/c/' + r.k));
		if (x.res === res) out.push(x);
	}
	return out.sort((a, b) => b.at - a.at);
}
// Drop the kept records of login (at sign-out); the outbox stays.
export async function forget(login) {
	const d = await open();
	try {
		await new Promise((ok, no) => {
			const t = d.transaction('cache', 'readwrite'), s = t.objectStore('cache');
			const ks = s.index('login').getAllKeys(login);
			ks.onsuccess = () => { for (const k of ks.result) s.delete(k); };
			t.oncomplete = ok;
			t.onerror = t.onabort = () => no(t.error);
		});
	} finally { d.close(); }
}
export async function cached(login) {
	try { return await run('cache', 'readonly', (s) => s.index('login').count(login)); } catch { return 0; }
}
