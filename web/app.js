// app.js - the LBCare browser application: a small client of /api/v1.
// Routes live in the hash (#/children, #/children/12, #/new/children), so
// the server serves one page.  Forms are drawn from /api/v1/schema/<name>.
// DOM is built with h() and textContent only: no HTML from data.
import { LANGS, T, ROLES } from './i18n.js';
import * as vault from './vault.js';
import { merge3 } from './merge.js';

const API = '/api/v1';
const K = { lang: 'lbcare.lang', langPush: 'lbcare.lang.push', csrf: 'lbcare.csrf', user: 'lbcare.user', schema: 'lbcare.schema.', index: 'lbcare.schema', outbox: 'lbcare.outbox.' };
const CHILD_READ = ['WORKER', 'SUPERVISOR', 'LEAD', 'PURCHASER', 'EVALUATOR', 'DIRECTOR', 'TOWNSHIP'];
const WRITERS = { children: ['WORKER', 'SUPERVISOR', 'LEAD', 'DIRECTOR', 'TOWNSHIP'], regions: ['ADMIN'], organizations: ['ADMIN'] };
const COLS = { children: ['name', 'sex', 'birth_date', 'village_code', 'risk_level'], regions: ['code', 'name', 'level'], organizations: ['name', 'org_type', 'region_code'] };
const FILTERS = { children: ['risk_level', 'guardianship', 'left_behind_type', 'sex', 'village_code'] };
const PAGE = 50;

let lang = LANGS.some(l => l[0] === localStorage.getItem(K.lang)) ? localStorage.getItem(K.lang) : 'zh';
let user = null;          // {login, display_name, roles, scope}
let tok = 0;              // render token: a newer route cancels an older one
let stash = null;         // form values kept across a language switch
let keepMsg = false;
let keepFocus = false;    // a language switch leaves focus on the switch
let focusAfter = null;    // a selector to focus once the next view is drawn
let pending = 0;          // records waiting in the outbox (counted without the key)
let index = null;         // GET /api/v1/schema: the resources and what I may do
const schemas = {};

// ---------- small helpers ----------
const $ = (s, r = document) => r.querySelector(s);
function h(tag, attrs, ...kids) {
	const e = document.createElement(tag);
	for (const [k, v] of Object.entries(attrs || {})) {
		if (v == null || v === false) continue;
		if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
		else if (k === 'text') e.textContent = v;
		else e.setAttribute(k, v === true ? '' : v);
	}
	for (const c of kids.flat()) if (c != null && c !== false) e.append(c.nodeType ? c : String(c));
	return e;
}
function t(k, vars) {
	let s = T[lang][k] ?? T.zh[k] ?? k;
	for (const [a, b] of Object.entries(vars || {})) s = s.replace('{' + a + '}', b);
	return s;
}
const has = (roles) => !!user && user.roles.some(r => roles.includes(r));
// The server's words for a thing in my language: it sends zh, en and bo.
const label = (o) => lang === 'en' ? (o.en || o.zh) : lang === 'bo' ? (o.bo || o.zh || o.en) : (o.zh || o.en);
const roleName = r => { const x = ROLES[r] || [r, r]; return lang === 'en' ? x[1] : lang === 'bo' ? x[2] || x[0] : x[0]; };
const resName = (r, sc) => T[lang][r] || (sc ? label(sc) : (index || []).find(x => x.name === r) ? label(index.find(x => x.name === r)) : t(r));
const today = () => { const d = new Date(); return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10); };
// A date in the reader's own way of writing it: 2015年6月1日, 1 Jun 2015,
// སྤྱི་ལོ་2015 ཟླ་6 ཚེས་1.
function fmtDate(v) {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(v));
	if (!m) return String(v);
	if (lang === 'bo') return `སྤྱི་ལོ་${m[1]} ཟླ་${Number(m[2])} ཚེས་${Number(m[3])}`;
	return new Date(Date.UTC(m[1], m[2] - 1, m[3])).toLocaleDateString(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'UTC', year: 'numeric', month: lang === 'en' ? 'short' : 'long', day: 'numeric' });
}
function enumLabel(f, code) {
	const v = (f.values || []).find(x => x.code === code);
	if (!v) return code;
	return label(v);
}
function fmt(f, v) {
	if (v == null || v === '') return '—';
	if (f.ref === 'regions' && regionNames[v]) return regionNames[v];
	if (f.name === 'name_pinyin') return String(v).split('|')[0];   // search forms after the bar
	if (f.type === 'enum') return enumLabel(f, v);
	if (f.multiple) return String(v).split(',').map(c => enumLabel(f, c)).join('、');
	if (f.type === 'bool') return t(v ? 'yes' : 'no');
	if (f.type === 'date') return fmtDate(v);
	return String(v);
}
const num = n => typeof n === 'number' ? n.toLocaleString() : n && typeof n === 'object' ? num(n.value ?? n.count ?? null) : n ?? '—';
const titleOf = r => r.name || r.pseudonym || (r.code ? r.code : '#' + r.id);
const load = (k, d) => { try { return JSON.parse(localStorage.getItem(k)) ?? d; } catch { return d; } };
// Region codes are shown by name once the region list has loaded.
const regionNames = load('lb.regions', {});
let regionsReady = Promise.resolve();
async function loadRegions() {
	let cursor = null, names = {};
	try {
		do {
			const d = (await api('GET', API + '/regions?limit=500' + (cursor ? '&cursor=' + cursor : ''))).data;
			for (const r of d.items) names[r.code] = r.name;
			cursor = d.next_cursor;
		} while (cursor);
		Object.assign(regionNames, names);
		localStorage.setItem('lb.regions', JSON.stringify(names));   // public division names, not personal
	} catch { /* offline: keep what we had */ }
}

function say(text, kind) {
	const m = $('#msg');
	m.textContent = text || '';
	m.className = text ? 'msg ' + (kind || 'ok') : 'msg';
}

// ---------- API ----------
class Problem extends Error {}
// The server writes its details in the language asked for.
const problemText = p => p.detail || p.title || t('error');
async function api(method, path, body, opt = {}) {
	const hd = { Accept: 'application/json', 'Accept-Language': LANGS.find(l => l[0] === lang)[2] };
	if (body !== undefined) hd['Content-Type'] = opt.type || 'application/json';
	const csrf = sessionStorage.getItem(K.csrf);
	if (method !== 'GET' && csrf) hd['X-CSRF-Token'] = csrf;
	if (opt.ifMatch) hd['If-Match'] = opt.ifMatch;
	if (opt.idemKey) hd['Idempotency-Key'] = opt.idemKey;
	const ctl = new AbortController();
	const timer = setTimeout(() => ctl.abort(), opt.timeout || 30000);
	let r, data = null;
	try {
		r = await fetch(path, { method, headers: hd, body: body === undefined || opt.type ? body : JSON.stringify(body), credentials: 'same-origin', cache: 'no-store', signal: ctl.signal });
		if (r.status !== 204 && /json/.test(r.headers.get('content-type') || '')) data = await r.json().catch(() => null);
	} catch {
		const e = new Problem(t('offline')); e.offline = true; throw e;
	} finally { clearTimeout(timer); }
	if (!r.ok) {
		const p = data && typeof data === 'object' ? data : { title: r.statusText };
		p.status = p.status || r.status;
		const e = new Problem(problemText(p)); e.problem = p; e.status = r.status;
		if (r.status === 401 && !opt.auth) expired();
		throw e;
	}
	return { status: r.status, data, etag: r.headers.get('etag') };
}
async function schema(name) {
	if (schemas[name]) return schemas[name];
	try {
		const s = (await api('GET', API + '/schema/' + name)).data;
		localStorage.setItem(K.schema + name, JSON.stringify(s));   // not personal: lets forms work offline
		return (schemas[name] = s);
	} catch (e) {
		const s = e.offline && load(K.schema + name, null);
		if (!s) throw e;
		s.offline = true;
		return (schemas[name] = s);
	}
}

// ---------- records kept on this device, encrypted, for offline work ----------
// Everything read online is kept (vault.js); offline, it is what opens.
function keep(res, items) {
	if (user && vault.isOpen(user.login)) vault.remember(res, items).catch(() => {});
}
async function getRecord(res, id) {
	try {
		const g = await api('GET', `${API}/${res}/${encodeURIComponent(id)}`);
		keep(res, [g.data]);
		return { rec: g.data, etag: g.etag, at: null };
	} catch (e) {
		const k = e.offline && user && vault.isOpen(user.login) && await vault.recall(res, id);
		if (!k) throw e;
		return { rec: k.rec, etag: null, at: k.at };
	}
}
// Kept rows of res that fit the list's search and filters.
async function keptRows(res, query) {
	if (!user || !vault.isOpen(user.login)) return [];
	const q = (query.get('q') || '').toLowerCase();
	return (await vault.recallAll(res)).map(x => x.rec).filter(r => {
		// Equal, or a code prefix (village_code=630105100), as the server has it.
		for (const [k, v] of query) if (k !== 'q' && k !== 'sort' && k !== 'cursor' && k in r && !String(r[k] ?? '').startsWith(v)) return false;
		return !q || [r.name, r.name_pinyin, r.name_bo].some(x => x && String(x).toLowerCase().includes(q));
	});
}
// Read ahead what field work needs offline: the children in my area and
// my cases (a few pages each).
async function keepForField() {
	let n = 0;
	for (const [res, q] of [['children', ''], ['cases', 'worker_user_id=me&']]) {
		if (!canRead(res)) continue;
		let cursor = null, pages = 0;
		do {
			const d = (await api('GET', `${API}/${res}?${q}limit=${PAGE}${cursor ? '&cursor=' + cursor : ''}`)).data;
			await vault.remember(res, d.items);
			n += d.items.length;
			cursor = d.next_cursor;
		} while (cursor && ++pages < 4);
	}
	return n;
}

// ---------- session ----------
function setSession(d) {
	user = d.user;
	regionsReady = loadRegions();
	if (d.csrf_token) sessionStorage.setItem(K.csrf, d.csrf_token);
	const { id, login, display_name, roles, scope } = user;
	// The language chosen by this person, wherever they chose it.
	if (user.lang && user.lang !== lang && !localStorage.getItem(K.langPush)) setLang(user.lang, false);
	pushLang();
	localStorage.setItem(K.user, JSON.stringify({ id, login, display_name, roles, scope, lang: user.lang || null }));
}
function clearSession() {
	user = null; index = null; pending = 0;
	vault.lock();
	localStorage.removeItem(K.langPush);
	sessionStorage.removeItem(K.csrf);
	localStorage.removeItem(K.user);
}
function expired() {
	if (!user) return;
	// The outbox stays (encrypted) and opens again at the next sign-in.
	clearSession();
	sessionStorage.setItem('lbcare.back', location.hash);
	say(t('expired'), 'err'); keepMsg = true;
	go('#/login');
}
async function logout() {
	const n = await vault.count(user.login);
	// Never dropped: the records stay encrypted here for the next sign-in.
	if (n && !confirm(t('logoutPending', { n }))) return;
	try { await api('DELETE', API + '/session', undefined, { auth: true, timeout: 8000 }); } catch { /* logged out locally anyway */ }
	await vault.forget(user.login).catch(() => {});   // the records read; never the outbox
	clearSession();
	go('#/login');
}
// The resources listed by the server, with what my roles may do there.
async function loadIndex() {
	try {
		const d = (await api('GET', API + '/schema')).data;
		index = d.resources;
		localStorage.setItem(K.index, JSON.stringify(index));
		localStorage.setItem(K.index + '.kinds', JSON.stringify(d.evidence_kinds || []));
		// The forms I may fill, kept for a day without network.
		for (const r of index) if (r.write) schema(r.name).catch(() => {});
	} catch (e) {
		if (!e.offline) throw e;
		index = load(K.index, []);
	}
	return index;
}
const canRead = (r) => (index || []).some(x => x.name === r && x.read !== false);
const canWriteRes = (r) => (index || []).some(x => x.name === r && x.write);

// ---------- language: per browser before sign-in, per person after ----------
function setLang(l, save) {
	lang = l;
	localStorage.setItem(K.lang, lang);
	applyLang();
	if (save && user) { localStorage.setItem(K.langPush, lang); pushLang(); }
}
// Tell the server; offline, the choice waits and goes with the next answer.
async function pushLang() {
	const l = localStorage.getItem(K.langPush);
	if (!l || !user || !navigator.onLine) return;
	try {
		await api('PUT', API + '/session/lang', { lang: l });
		if (localStorage.getItem(K.langPush) === l) localStorage.removeItem(K.langPush);
		user.lang = l;
	} catch { /* kept for the next try */ }
}

// ---------- outbox: writes made offline, encrypted, replayed when online ----------
async function refreshCount() {
	pending = user ? await vault.count(user.login) : 0;
	chrome();
}
const outbox = () => vault.list();
async function queue(item) {
	await vault.put(item);
	await refreshCount();
}
// Records an older version kept in localStorage, unencrypted: moved into
// the vault once it is open, and removed.
async function adoptOld() {
	const k = K.outbox + user.login, old = load(k, []);
	for (const it of old) await vault.put(it);
	localStorage.removeItem(k);
}
// A queued create carries a key of its own, so a resend after a lost
// answer finds the record the first send made (exactly once).
function newKey() {
	const b = new Uint8Array(16);
	crypto.getRandomValues(b);
	return 'ob-' + [...b].map(x => x.toString(16).padStart(2, '0')).join('');
}
function send(item) {
	return item.rid
		? api('PATCH', `${API}/${item.res}/${item.rid}`, item.body, { ifMatch: `"${item.rev}"` })
		: api('POST', `${API}/${item.res}`, item.body, { idemKey: item.key || (item.key = newKey()) });
}
// A record made offline for another that waits too (an assessment of a
// child registered offline) names it by its key until it has an id.
const isKey = v => typeof v === 'string' && /^ob-[0-9a-f]{32}$/.test(v);
const pendingRef = body => Object.values(body || {}).some(isKey);
// The name of the waiting record a body was made for, if any.
const forName = body => { const k = Object.values(body || {}).find(isKey), w = k && outbox().find(x => x.key === k); return w ? w.body.name || '' : ''; };
async function resolveKey(key, id) {
	for (const x of outbox()) {
		if (!Object.values(x.body).includes(key)) continue;
		const body = Object.fromEntries(Object.entries(x.body).map(([k, v]) => [k, v === key ? id : v]));
		await vault.put({ ...x, body });
	}
}
let syncing = false;
async function sync() {
	if (!user || !navigator.onLine || syncing || !vault.isOpen(user.login)) return;
	syncing = true;
	let done = 0, waits = 0;
	try {
		for (let it of outbox()) {
			it = outbox().find(x => x.id === it.id);
			if (!it) continue;
			if (it.conflict) { waits++; continue; }
			// Made for a record that is itself still waiting: after it.
			if (pendingRef(it.body)) continue;
			try {
				try {
					const r = await send(it);
					if (!it.rid && r.data && r.data.id != null) await resolveKey(it.key, r.data.id);
				} catch (e) {
					// Someone changed the record meanwhile: merge field by field.
					if (e.status !== 412 || !it.rid || !e.problem || !e.problem.current) throw e;
					const cur = e.problem.current, m = merge3(it.base, it.body, cur);
					if (m.conflicts.length) {
						await vault.put({ ...it, conflict: { current: cur, fields: m.conflicts }, error: t('decide') });
						waits++; continue;
					}
					it = { ...it, base: cur, rev: cur.revision, body: m.send };
					await vault.put(it);
					if (Object.keys(m.send).length) await send(it);
				}
				await vault.del(it.id); done++;
			} catch (e) {
				if (e.offline || e.status === 401) break;
				await vault.put({ ...it, error: e.message });
			}
		}
	} finally { syncing = false; }
	await refreshCount();
	if (done || waits) say([done ? t('synced', { n: done }) : '', waits ? t('waitDecide', { n: waits }) : ''].filter(Boolean).join(' · '), waits ? 'err' : 'ok');
	if ((done || waits) && /^#\/outbox/.test(location.hash)) { keepMsg = true; route(); }
}

// ---------- chrome: header, nav, language ----------
function applyLang() {
	const l = LANGS.find(x => x[0] === lang);
	document.documentElement.lang = l[2];
	$('#lang').value = lang;
}
function chrome() {
	$('#skip').textContent = t('skip');
	$('#lang-l').textContent = t('lang');
	$('#brand-sub').textContent = t('app');
	const nav = $('#nav');
	nav.setAttribute('aria-label', t('menu'));
	const lo = $('#logout');
	lo.textContent = t('logout');
	lo.hidden = nav.hidden = !user;
	$('#who').textContent = user ? (user.display_name || user.login) : '';
	const ob = $('#pending');
	ob.hidden = !user || !pending;
	ob.textContent = pending ? t('pendingN', { n: pending }) : '';
	if (!user) { nav.replaceChildren(); return; }
	// The menu is what the server says my roles may read.
	const links = [['#/', 'home', t('home')]];
	for (const r of index || []) if (r.read !== false && r.name !== 'regions' && r.name !== 'organizations') links.push(['#/' + r.name, r.name, resName(r.name, r)]);
	if (has(['ADMIN'])) links.push(['#/regions', 'regions', t('regions')], ['#/organizations', 'organizations', t('organizations')]);
	const here = (location.hash.match(/^#\/[a-z_]*/) || ['#/'])[0];
	nav.replaceChildren(...links.map(([href, k, text]) =>
		h('a', { href, 'data-nav': k, 'aria-current': here === href ? 'page' : null }, text)));
}
function net() {
	const el = $('#net');
	el.hidden = navigator.onLine;
	el.textContent = t('offline');
}

// ---------- router ----------
function go(hash) { if (location.hash === hash) route(); else location.hash = hash; }
function parse() {
	const [p, qs] = location.hash.replace(/^#/, '').split('?');
	return { parts: p.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(qs || '') };
}
async function route() {
	const my = ++tok, hash = location.hash;
	const { parts, query } = parse();
	if (!keepMsg) say('');
	keepMsg = false;
	chrome();
	const main = $('#main');
	const view = h('div');
	const done = () => {
		if (my !== tok) return false;
		main.replaceChildren(view);
		// What is drawn, for tests and tools: the route and its language.
		main.dataset.route = hash;
		main.dataset.lang = lang;
		const h1 = $('h1', main);
		document.title = (h1 ? h1.textContent + ' · ' : '') + 'LBCare';
		const auto = $('[autofocus]', main), want = focusAfter && $(focusAfter, main);
		if (!keepFocus) (want || auto || h1 || main).focus();
		keepFocus = false; focusAfter = null;
		return true;
	};
	if (!user) {
		if (parts[0] !== 'login') sessionStorage.setItem('lbcare.back', location.hash);
		viewLogin(view); done(); return;
	}
	// The outbox key went with the last page: after an offline reload, or
	// with records waiting, the password opens it again (never stored).
	if (!vault.isOpen(user.login) && parts[0] !== 'unlock' && (!navigator.onLine || await vault.count(user.login))) {
		if (my !== tok) return;
		sessionStorage.setItem('lbcare.back', location.hash);
		parts.splice(0, parts.length, 'unlock');
	}
	main.setAttribute('aria-busy', 'true');
	try {
		const [a, b, c] = parts;
		if (!index) await loadIndex();
		if (a === 'unlock') viewUnlock(view);
		else if (!a || a === 'login') await viewHome(view);
		else if (a === 'profile') await viewProfile(view, b, query);
		else if (a === 'import') viewImport(view);
		else if (a === 'outbox') await (b ? viewForm(view, null, null, b) : viewOutbox(view));
		else if (a === 'new' && b) await viewForm(view, b, null, null, query);
		else if (b && c === 'edit') await viewForm(view, a, b);
		else if (b) await viewRecord(view, a, b);
		else await viewList(view, a, query);
	} catch (e) {
		view.replaceChildren(h('h1', { tabindex: -1 }, t('error')), h('p', { class: 'msg err', role: 'alert' }, e.status === 404 ? t('notFound') : e.message));
	}
	main.removeAttribute('aria-busy');
	if (done()) chrome();
}

// ---------- views ----------
function back() {
	const b = sessionStorage.getItem('lbcare.back');
	sessionStorage.removeItem('lbcare.back');
	return b && !/login|unlock/.test(b) ? b : '#/';
}
// Open the outbox with the password after a reload (the key is never kept).
function viewUnlock(v) {
	const err = h('p', { class: 'field-err', id: 'err-unlock-pw', role: 'alert' });
	const f = h('form', { class: 'card login', id: 'unlock', novalidate: true, onsubmit: async (ev) => {
		ev.preventDefault();
		const pw = f.elements.password.value, btn = $('button', f);
		err.textContent = '';
		if (!pw) { err.textContent = t('reqMissing'); f.elements.password.focus(); return; }
		btn.disabled = true;
		try {
			await vault.unlock(user.login, pw, false);
			await adoptOld();
			await refreshCount();
			say(t('unlocked')); keepMsg = true;
			go(back());
			sync();
		} catch {
			f.elements.password.value = '';
			f.elements.password.setAttribute('aria-invalid', 'true');
			err.textContent = t('wrongPassword');
			f.elements.password.focus();
		} finally { btn.disabled = false; }
	} },
	h('p', {}, t('unlockWhy', { n: pending })),
	field('password', t('password'), h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, autofocus: true, 'aria-describedby': 'err-unlock-pw' })),
	err, h('button', { type: 'submit', class: 'primary' }, t('unlock')));
	v.append(h('h1', { tabindex: -1 }, t('unlockTitle')), f);
}
function viewLogin(v) {
	const err = h('p', { class: 'form-err', role: 'alert' });
	// Shown only when the account has a second factor (the server asks).
	const otpField = field('otp', t('otp'), h('input', { id: 'otp', name: 'otp', inputmode: 'numeric', autocomplete: 'one-time-code', autocapitalize: 'none', spellcheck: 'false' }));
	otpField.hidden = true;
	const f = h('form', { class: 'card login', novalidate: true, onsubmit: async (ev) => {
		ev.preventDefault();
		err.textContent = '';
		const login = f.elements.login.value.trim(), password = f.elements.password.value;
		const otp = f.elements.otp.value.trim();
		if (!login || !password) { err.textContent = t('reqMissing'); return; }
		const btn = $('button', f); btn.disabled = true;
		try {
			const body = otp && !otpField.hidden ? { login, password, otp } : { login, password };
			setSession((await api('POST', API + '/session', body, { auth: true })).data);
			// The outbox key, derived from the password, in memory only.
			try { await vault.unlock(login, password, true); await adoptOld(); } catch { say(t('oldPassword'), 'err'); keepMsg = true; }
			await loadIndex().catch(() => {});
			await refreshCount();
			go(back());
			sync();
		} catch (e) {
			err.textContent = e.message;
			if (e.problem && e.problem.field === 'otp') {
				// Keep the password: only the code is missing or wrong.
				otpField.hidden = false;
				f.elements.otp.value = '';
				f.elements.otp.focus();
				return;
			}
			f.elements.password.value = '';
			f.elements.password.focus();
		} finally { btn.disabled = false; }
	} },
	field('login', t('username'), h('input', { id: 'login', name: 'login', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true, autofocus: true })),
	field('password', t('password'), h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
	otpField,
	err, h('button', { type: 'submit', class: 'primary' }, t('login')));
	v.append(h('h1', { tabindex: -1 }, t('login')), f);
}
function field(id, text, input, extra) {
	return h('div', { class: 'field' }, h('label', { for: id }, text, extra), input);
}

// Up to two pages of a list, for the home page's short lists.
async function rows(res, params) {
	const out = [];
	let cursor = null, n = 0;
	do {
		const p = new URLSearchParams(params || {});
		p.set('limit', PAGE);
		if (cursor) p.set('cursor', cursor);
		const d = (await api('GET', `${API}/${res}?${p}`)).data;
		out.push(...d.items);
		cursor = d.next_cursor;
	} while (cursor && ++n < 2);
	return out;
}
function recLink(res, sc, r, extra) {
	return h('li', {}, h('a', { href: `#/${res}/${r.id}` }, resName(res, sc) + ' · ' + titleOf(r)), extra ? ' · ' + extra : '');
}
// Today's visits: the visits resource, on its first date field.
async function todaysVisits() {
	if (!canRead('visits')) return null;
	const sc = await schema('visits');
	const f = sc.fields.find(x => x.type === 'date');
	if (!f) return null;
	const all = await rows('visits', f.filter ? { [f.name]: today() } : {});
	return { sc, items: all.filter(r => r[f.name] === today()) };
}
// Follow-ups past due: visits as the server counts them (due, not done);
// for the others, date fields named next_…, …due… before today.
async function overdue() {
	const out = [];
	if (canRead('visits')) {
		const sc = await schema('visits').catch(() => null);
		const d = (await api('GET', `${API}/alerts/overdue-visits?limit=${PAGE}`).catch(() => null));
		const f = sc && sc.fields.find(x => x.name === 'follow_up_due');
		for (const x of (d && d.data.items) || [])
			out.push(recLink('visits', sc, { id: x.visit_id, visited_on: x.visited_on }, (f ? label(f) : '') + ' ' + fmtDate(x.follow_up_due)));
	}
	for (const r of index || []) {
		if (r.read === false || !['assessments', 'cases', 'referrals'].includes(r.name)) continue;
		const sc = await schema(r.name).catch(() => null);
		const f = sc && sc.fields.find(x => x.type === 'date' && /^next_|due|follow/.test(x.name));
		if (!f) continue;
		for (const x of await rows(r.name).catch(() => [])) if (x[f.name] && x[f.name] < today()) out.push(recLink(r.name, sc, x, label(f) + ' ' + fmtDate(x[f.name])));
	}
	return out;
}
async function viewHome(v) {
	const kind = has(['WORKER', 'SUPERVISOR', 'LEAD']) ? 'worker' : has(['DIRECTOR', 'TOWNSHIP']) ? 'village'
		: has(['PURCHASER', 'EVALUATOR']) ? 'purchaser' : has(['ADMIN']) ? 'admin' : 'other';
	let d = null;
	try { d = (await api('GET', API + '/home')).data; } catch (e) { if (e.status === 401) throw e; }
	let counts = d && d.counts;
	if (!counts && kind !== 'admin' && kind !== 'other' && navigator.onLine) {
		// /home not there: count the first page of the caseload instead.
		try {
			const l = (await api('GET', `${API}/children?limit=${PAGE}`)).data;
			counts = { children: l.next_cursor ? t('atLeast') + ' ' + l.items.length : l.items.length };
		} catch { /* nothing to show */ }
	}
	const sec = (id, title, body) => h('section', { 'aria-labelledby': id, 'data-section': id }, h('h2', { id }, title), body);
	const list = (items, empty) => items && items.length ? h('ul', { class: 'alerts' }, items) : h('p', {}, empty);
	const parts = [];
	if (kind === 'worker' && navigator.onLine) {
		const tv = await todaysVisits().catch(() => null);
		parts.push(sec('visits-today', t('visitsToday'), tv ? list(tv.items.map(r => recLink('visits', tv.sc, r)), t('noVisits')) : h('p', { class: 'note' }, t('noVisitRes'))));
		parts.push(sec('overdue', t('overdue'), list(await overdue().catch(() => []), t('noOverdue'))));
	}
	if (kind === 'purchaser' && navigator.onLine) {
		let pr = null;
		if (canRead('projects')) pr = await rows('projects').catch(() => null);
		const sc = pr && await schema('projects').catch(() => null);
		const wf = sc && sc.workflow;
		parts.push(sec('projects', t('projects'), pr ? list(pr.map(r => recLink('projects', sc, r, wf ? stateLabel(wf, r[wf.field]) : null)), t('none')) : h('p', { class: 'note' }, t('noProjectRes'))));
	}
	// A scope is a code prefix; regions are named by their full 12 digits.
	const full = user.scope ? user.scope.padEnd(12, '0') : '';
	if (full && !regionNames[full] && !regionNames[user.scope]) await regionsReady;
	const place = user.scope ? (regionNames[user.scope] || regionNames[full] || user.scope) : '';
	const head = { worker: t('caseload'), village: has(['DIRECTOR']) ? t('myVillage', { v: place }) : t('area') + ' · ' + place, purchaser: t('aggregates'), admin: t('config'), other: t('home') }[kind];
	v.append(h('section', { class: 'home', 'data-home': kind },
		h('h1', { tabindex: -1 }, head),
		h('p', { class: 'who' }, t('hello', { name: user.display_name || user.login }), ' · ', user.roles.map(roleName).join('、'), place ? ' · ' + place : ''),
		kind === 'purchaser' ? h('p', { class: 'note' }, t('deid')) : null,
		!navigator.onLine ? h('p', { class: 'note' }, t('offlineHome')) : null,
		counts ? h('ul', { class: 'counts' }, Object.entries(counts).map(([k, n]) => {
			const q = { high_risk: '?risk_level=HIGH', critical: '?risk_level=CRITICAL', unsupervised: '?guardianship=UNSUPERVISED', children: '' }[k];
			const body = [h('strong', { class: 'num' }, num(n)), h('span', {}, T[lang]['count_' + k] || T.zh['count_' + k] || k)];
			return h('li', { 'data-count': k }, q != null && has(CHILD_READ) ? h('a', { href: '#/children' + q }, body) : body);
		})) : kind === 'admin' || kind === 'other' || !navigator.onLine ? null : h('p', { class: 'note' }, t('homeLater')),
		parts,
		d && Array.isArray(d.alerts) && kind !== 'admin' ? sec('al', t('alerts'),
			d.alerts.length ? h('ul', { class: 'alerts' }, d.alerts.map(alertItem)) : h('p', {}, t('noAlerts'))) : null,
		h('div', { class: 'quick' },
			has(WRITERS.children) ? h('a', { class: 'button primary', href: '#/new/children' }, t('register')) : null,
			has(WRITERS.children) && navigator.onLine && vault.isOpen(user.login) ? h('button', { type: 'button', 'data-action': 'keep', onclick: async (ev) => {
				ev.target.disabled = true;
				try { say(t('keptN', { n: await keepForField() })); } catch (e) { say(e.message, 'err'); }
				ev.target.disabled = false;
			} }, t('keepField')) : null,
			has(WRITERS.children) && canWriteRes('assessments') ? h('a', { class: 'button', href: '#/new/assessments' }, t('assess')) : null,
			kind === 'village' && user.scope ? h('a', { class: 'button', href: '#/children?village_code=' + encodeURIComponent(user.scope) }, t('villageChildren')) : null,
			has(CHILD_READ) ? h('a', { class: 'button', href: '#/children' }, t('children')) : null,
			has(CHILD_READ) && user.scope ? h('a', { class: 'button', href: '#/profile', 'data-link': 'profile' }, t('profile')) : null,
			has(WRITERS.children) && canWriteRes('children') ? h('a', { class: 'button', href: '#/import', 'data-link': 'import' }, t('importRoster')) : null,
			has(['ADMIN']) ? [h('a', { class: 'button', href: '#/regions' }, t('regions')), h('a', { class: 'button', href: '#/organizations' }, t('organizations'))] : null)));
}
function alertItem(a) {
	if (typeof a !== 'object' || !a) return h('li', {}, String(a));
	const kind = String(a.kind || a.type || '').toLowerCase();
	const text = (lang === 'en' && a.message_en) || a.message || a.detail || a.title || a.text || (T.zh['count_' + kind] ? t('count_' + kind) : a.kind || a.type) || '';
	const id = a.child_id || (a.child && a.child.id);
	return h('li', { class: 'alert-' + String(a.level || a.severity || 'info').toLowerCase() },
		id ? h('a', { href: '#/children/' + id }, text + ' · ' + (a.child_name || t('children') + ' #' + id)) : text,
		a.village_code ? ' · ' + (regionNames[a.village_code] || a.village_code) : '', a.due ? ' · ' + a.due : '');
}

async function viewList(v, res, query) {
	const sc = await schema(res);
	const byName = Object.fromEntries(sc.fields.map(f => [f.name, f]));
	let cols = (COLS[res] || []).filter(n => byName[n]);
	if (!cols.length) cols = sc.fields.filter(f => !f.sensitive).slice(0, 4).map(f => f.name);
	const wf = sc.workflow;
	if (wf && byName[wf.field] && !cols.includes(wf.field)) cols.push(wf.field);
	const params = new URLSearchParams(query);
	params.set('limit', PAGE);
	let first, kept = null;
	try {
		first = (await api('GET', `${API}/${res}?${params}`)).data;
		keep(res, first.items);
	} catch (e) {
		// Offline: the records read here before, from the encrypted store.
		if (!e.offline || !(kept = await keptRows(res, query)).length) throw e;
		first = { items: kept, next_cursor: null };
	}
	const deid = first.items.length && cols[0] === 'name' && first.items.every(r => r.name == null);

	const qIn = h('input', { id: 'q', name: 'q', type: 'search', value: query.get('q') || '', placeholder: t('searchHint'), enterkeyhint: 'search' });
	// Filters the schema declares (never on sensitive fields: no ID numbers in URLs).
	const decl = sc.fields.filter(f => f.filter && !f.sensitive).map(f => f.name);
	const fl = (decl.length ? decl : FILTERS[res] || []).filter(n => byName[n]).map(n => {
		const f = byName[n], id = 'f-' + n, cur = query.get(n) || '';
		const inp = f.type === 'enum'
			? h('select', { id, name: n }, h('option', { value: '' }, '—'), f.values.map(x => h('option', { value: x.code, selected: x.code === cur }, enumLabel(f, x.code))))
			: h('input', { id, name: n, value: cur, inputmode: 'numeric' });
		return field(id, label(f), inp);
	});
	const form = h('form', { role: 'search', class: 'search', onsubmit: (ev) => {
		ev.preventDefault();
		const p = new URLSearchParams();
		for (const el of form.elements) if (el.name && el.value.trim()) p.set(el.name, el.value.trim());
		go(`#/${res}${p.toString() ? '?' + p : ''}`);
	} },
	h('div', { class: 'row' }, h('label', { for: 'q', class: 'vh' }, t('search')), qIn, h('button', { type: 'submit' }, t('search')),
		query.get('sort') ? h('input', { type: 'hidden', name: 'sort', value: query.get('sort') }) : null),
	fl.length ? h('details', { open: fl.some(x => $('select,input', x).value) || null }, h('summary', {}, t('filter')), h('div', { class: 'filters' }, fl),
		h('div', { class: 'row' }, h('button', { type: 'submit' }, t('apply')), h('a', { href: '#/' + res, class: 'button' }, t('reset')))) : null);

	const tbody = h('tbody');
	const count = h('p', { class: 'count', role: 'status' });
	let next = first.next_cursor, shown = 0;
	const more = h('button', { type: 'button', class: 'more', onclick: async () => {
		more.disabled = true;
		try {
			params.set('cursor', next);
			const d = (await api('GET', `${API}/${res}?${params}`)).data;
			keep(res, d.items);
			add(d); tbody.rows[shown - d.items.length]?.querySelector('a')?.focus();
		} catch (e) { say(e.message, 'err'); }
		more.disabled = false;
	} }, t('more'));
	// The server sorts (?sort=field, -field): every page comes in that order.
	const sorted = query.get('sort') || '', sortBy = sorted.replace(/^-/, ''), dir = sorted.startsWith('-') ? -1 : 1;
	const cell = (r, n, i) => {
		const f = byName[n];
		const txt = i === 0 && n === 'name' ? titleOf(r) : n === (wf && wf.field) ? stateLabel(wf, r[n]) : fmt(f, r[n]);
		return h('td', { 'data-label': label(f), lang: n === 'name_bo' ? 'bo' : null }, i === 0 ? h('a', { href: `#/${res}/${r.id}` }, txt) : txt);
	};
	const add = (d) => {
		tbody.append(...d.items.map(r => h('tr', {}, cols.map((n, i) => cell(r, n, i)))));
		shown += d.items.length;
		next = d.next_cursor;
		more.hidden = !next;
		count.textContent = shown ? t('shown', { n: shown }) : t('none');
	};
	add(first);
	const canWrite = index && index.length ? canWriteRes(res) : has(WRITERS[res] || []);
	const ths = cols.map((n, i) => {
		const th = h('th', { scope: 'col', 'aria-sort': sortBy === n ? (dir > 0 ? 'ascending' : 'descending') : 'none' });
		const text = i === 0 && deid ? t('pseudonym') : label(byName[n]);
		// Sealed values, and names withheld from me, have no order to show.
		if (byName[n].sensitive || (i === 0 && deid)) { th.append(text); return th; }
		th.append(h('button', { type: 'button', class: 'sort', 'data-sort': n, onclick: () => {
			const p = new URLSearchParams(query);
			p.set('sort', sortBy === n && dir > 0 ? '-' + n : n);
			p.delete('cursor');
			focusAfter = `[data-sort="${n}"]`;
			go(`#/${res}?${p}`);
		} }, text, sortBy === n ? (dir > 0 ? ' ▲' : ' ▼') : ''));
		return th;
	});
	v.append(h('div', { class: 'title' }, h('h1', { tabindex: -1 }, resName(res, sc)),
		canWrite ? h('a', { class: 'button primary', href: '#/new/' + res }, t('new')) : null),
	form, ...(kept ? [h('p', { class: 'note', 'data-kept': kept.length }, t('keptList', { n: kept.length }))] : []), count,
	h('table', { class: 'list' }, h('caption', { class: 'vh' }, resName(res, sc) + ' · ' + t('sortHint')), h('thead', {}, h('tr', {}, ths)), tbody),
	more);
}

async function viewRecord(v, res, id) {
	const sc = await schema(res);
	const { rec: r, at: keptAt } = await getRecord(res, id);
	const canWrite = index && index.length ? canWriteRes(res) : has(WRITERS[res] || []);
	const wf = sc.workflow;
	const dl = h('dl', { class: 'record' });
	for (const f of sc.fields) {
		if (!(f.name in r) || f.name === 'revision') continue;
		const val = f.type === 'ref' && r[f.name] != null ? refLink(f.ref, r[f.name])
			: wf && f.name === wf.field ? stateLabel(wf, r[f.name]) : fmt(f, r[f.name]);
		dl.append(h('dt', {}, label(f)), h('dd', { lang: f.name === 'name_bo' ? 'bo' : null }, val));
	}
	if (r.pseudonym && !('name' in r)) dl.prepend(h('dt', {}, t('pseudonym')), h('dd', {}, r.pseudonym));
	dl.append(h('dt', {}, t('revision')), h('dd', {}, String(r.revision ?? '—')));
	v.append(h('nav', { class: 'crumbs', 'aria-label': t('back') }, h('a', { href: '#/' + res }, '← ' + resName(res, sc))),
		h('div', { class: 'title' }, h('h1', { tabindex: -1 }, titleOf(r)),
			canWrite ? h('a', { class: 'button', href: `#/${res}/${r.id}/edit` }, t('edit')) : null),
		...(keptAt ? [h('p', { class: 'note', 'data-kept': 'record' }, t('keptCopy', { at: new Date(keptAt).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN') }))] : []),
		dl);
	// Resources whose rows belong to this one (assessments of a child…).
	const kids = [];
	for (const x of index || []) {
		if (!x.write || x.name === res) continue;
		const s2 = await schema(x.name).catch(() => null);
		const ref = s2 && s2.fields.find(f => f.type === 'ref' && f.ref === res && !f.readonly);
		if (ref) kids.push(h('a', { class: 'button', href: `#/new/${x.name}?${ref.name}=${r.id}` }, t('newRecord', { r: resName(x.name, s2) })),
			ref.filter ? h('a', { class: 'button', href: `#/${x.name}?${ref.name}=${r.id}` }, resName(x.name, s2)) : null);
	}
	if (kids.length) v.append(h('div', { class: 'quick' }, kids));
	// Every reader sees the stage; which role may take a step, the server says.
	if (wf) await workflow(v, res, sc, r);
	extras(v, res, r);
}

// A link to a referenced record, named once its title arrives.
function refLink(res, id) {
	const a = h('a', { href: `#/${res}/${id}` }, resName(res) + ' #' + id);
	if (canRead(res)) api('GET', `${API}/${res}/${id}`).then(g => { a.textContent = resName(res) + ' · ' + titleOf(g.data); }).catch(() => {});
	return a;
}

// ---------- workflow: a resource's states and the actions between them ----------
const stateLabel = (wf, code) => { const s = (wf.states || []).find(x => x.code === code); return s ? label(s) : code ?? '—'; };
async function workflow(v, res, sc, r) {
	const wf = sc.workflow, cur = r[wf.field];
	const acts = (wf.transitions || []).filter(x => (x.from || []).includes(cur) && (!x.roles || has(x.roles)));
	const actLabel = (code) => { const x = (wf.transitions || []).find(y => y.action === code); return x ? label(x) : code; };
	const box = h('div', { class: 'wf-form' });
	const byName = Object.fromEntries(sc.fields.map(f => [f.name, f]));
	const sec = h('section', { class: 'workflow', 'aria-labelledby': 'wf-h' }, h('h2', { id: 'wf-h' }, t('stage'), ': ', stateLabel(wf, cur)),
		acts.length ? h('div', { class: 'row' }, acts.map(a => h('button', { type: 'button', 'data-action': a.action, onclick: () => open(a) }, label(a)))) : h('p', { class: 'note' }, t('noActions')),
		box);
	v.append(sec);
	function open(a) {
		const err = h('p', { class: 'form-err', role: 'alert' });
		const f = h('form', { class: 'record-form card', novalidate: true, onsubmit: async (ev) => {
			ev.preventDefault();
			err.textContent = '';
			for (const el of f.querySelectorAll('[aria-invalid]')) { el.removeAttribute('aria-invalid'); $('#err-' + el.name, f).textContent = ''; }
			const need = (a.needs || []).filter(n => byName[n]).map(n => byName[n]);
			const vals = values(f, need);
			const body = { action: a.action, fields: {} };
			if (f.elements.reason.value.trim()) body.reason = f.elements.reason.value.trim();
			for (const n of need) if (vals[n.name] != null) body.fields[n.name] = vals[n.name];
			const btn = $('button[type=submit]', f); btn.disabled = true;
			try {
				await api('POST', `${API}/${res}/${r.id}/transitions`, body, { ifMatch: `"${r.revision}"` });
				say(t('saved')); keepMsg = true; route();
			} catch (e) {
				const p = e.problem || {}, name = String(p.field || '').replace(/^\/?(fields\/)?/, '');
				const el = name && f.elements[name];
				if (el) { el.setAttribute('aria-invalid', 'true'); $('#err-' + name, f).textContent = e.message; el.focus(); }
				err.textContent = e.status === 412 ? t('changedReload') : e.status === 404 ? t('noWorkflow') : e.message;
				if (!el) err.focus();
			} finally { btn.disabled = false; }
		} },
		h('h3', {}, label(a), ' → ', stateLabel(wf, a.to)),
		(a.needs || []).filter(n => byName[n]).map(n => inputFor(byName[n], r[n], false)),
		h('div', { class: 'field' }, h('label', { for: 'i-reason' }, t('reason'), a.reason ? h('abbr', { class: 'req', title: t('required') }, '*') : null),
			h('textarea', { id: 'i-reason', name: 'reason', rows: 3, maxlength: 500, required: a.reason || null, 'aria-describedby': 'err-reason' }), h('p', { class: 'field-err', id: 'err-reason' })),
		err, h('div', { class: 'row actions' }, h('button', { type: 'submit', class: 'primary' }, t('confirm')),
			h('button', { type: 'button', onclick: () => { box.replaceChildren(); $(`[data-action="${a.action}"]`, sec).focus(); } }, t('cancel'))));
		err.tabIndex = -1;
		box.replaceChildren(f);
		(f.querySelector('input,select,textarea')).focus();
	}
	// The history, where the server keeps one.
	try {
		const hs = (await api('GET', `${API}/${res}/${r.id}/transitions`)).data;
		const items = Array.isArray(hs) ? hs : hs.items || [];
		sec.append(h('h3', {}, t('history')), items.length ? h('ol', { class: 'history' }, items.map(x => h('li', {},
			(x.at || x.created_at || '').slice(0, 10) ? fmtDate(String(x.at || x.created_at).slice(0, 10)) + ' · ' : '',
			actLabel(x.action), ': ', x.from ? stateLabel(wf, x.from) + ' → ' : '', stateLabel(wf, x.to), x.reason ? ' · ' + x.reason : ''))) : h('p', {}, t('none')));
	} catch { /* no history route yet */ }
}

// Create (id null), edit (id set) or reopen an outbox draft (draftId set).
async function viewForm(v, res, id, draftId, query) {
	const draft = draftId ? outbox().find(x => String(x.id) === draftId) : null;
	if (draftId && !draft) { go('#/outbox'); return; }
	if (draft) { res = draft.res; id = draft.rid; }
	let sc;
	try { sc = await schema(res); } catch (e) { if (e.offline) throw new Problem(t('noSchema')); throw e; }
	let base = {}, etag = null, keptAt = null;
	if (draft && id) base = draft.base;
	else if (id) ({ rec: base, etag, at: keptAt } = await getRecord(res, id));
	const rev = () => etag || `"${base.revision}"`;
	const fields = sc.fields.filter(f => !f.readonly);
	// A new record may start from the address: #/new/assessments?child_id=12.
	const pre = {};
	for (const f of sc.fields) {
		const q = query && query.get(f.name);
		if (q != null) pre[f.name] = (f.type === 'int' || f.type === 'ref') && !isKey(q) ? Number(q) : q;
	}
	const init = stash && stash.hash === location.hash ? stash.values : { ...base, ...(draft ? draft.body : {}), ...pre };
	stash = null;

	const ferr = h('div', { class: 'form-err' });
	const conflictBox = h('div', { class: 'conflict-wrap' });
	const form = h('form', { class: 'record-form', novalidate: true, onsubmit: (ev) => { ev.preventDefault(); submit(); } });
	for (const f of fields) form.append(inputFor(f, init[f.name], !!id));
	form.prepend(conflictBox);   // first: on a phone the question is in sight
	form.append(ferr, h('div', { class: 'row actions' },
		h('button', { type: 'submit', class: 'primary' }, t('save')),
		h('a', { class: 'button', href: draft ? '#/outbox' : id ? `#/${res}/${id}` : '#/' + res }, t('cancel'))));
	form.lbValues = () => values(form, fields);
	// An edit the outbox could not merge: the person decides now.
	if (draft && draft.conflict) setTimeout(() => conflict(draft.conflict.current, values(form, fields)), 0);
	const title = t(id ? 'editRecord' : 'newRecord', { r: resName(res, sc) });
	v.append(...[h('h1', { tabindex: -1 }, id ? `${title}: ${titleOf(base)}` : title),
		draft && h('p', { class: 'note' }, t('draft'), draft.error ? ' · ' + draft.error : ''),
		sc.offline && h('p', { class: 'note' }, t('offlineSchema')),
		keptAt && h('p', { class: 'note', 'data-kept': 'form' }, t('keptCopy', { at: new Date(keptAt).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN') })),
		h('p', { class: 'hint' }, h('abbr', { title: t('required'), class: 'req' }, '*'), ' ', t('required')), form].filter(Boolean));

	function clearErrors() {
		ferr.textContent = '';
		for (const el of form.querySelectorAll('[aria-invalid]')) { el.removeAttribute('aria-invalid'); $('#err-' + el.name, form).textContent = ''; }
	}
	function fieldError(name, text) {
		const el = form.elements[name];
		if (!el || !el.name) return false;
		el.setAttribute('aria-invalid', 'true');
		$('#err-' + name, form).textContent = text;
		return el.lbFocus ? el.lbFocus() : el;
	}
	async function submit() {
		clearErrors();
		const vals = values(form, fields);
		let first = null;
		if (!id) for (const f of fields) if (f.required && vals[f.name] == null) first = first || fieldError(f.name, t('reqMissing'));
		if (first) { ferr.textContent = t('fixErrors'); say(t('fixErrors'), 'err'); first.focus(); return; }
		const body = {};
		for (const f of fields) {
			const a = vals[f.name], b = base[f.name] ?? null;
			if (id ? a !== b : a != null) body[f.name] = a;
		}
		if (id && !Object.keys(body).length) { go(`#/${res}/${id}`); return; }
		const btn = $('button[type=submit]', form); btn.disabled = true;
		// One key for this record whether it goes now or from the outbox.
		const key = draft && draft.key || newKey();
		const toOutbox = async (note) => {
			await queue({ id: draft ? draft.id : Date.now(), key, res, rid: id, rev: base.revision, base: id ? base : null, body, at: new Date().toISOString() });
			say(t(note)); keepMsg = true;
			go('#/outbox');
		};
		if (pendingRef(body) && vault.isOpen(user.login)) { await toOutbox('queuedAfter'); btn.disabled = false; sync(); return; }
		try {
			const r = id ? await api('PATCH', `${API}/${res}/${encodeURIComponent(id)}`, body, { ifMatch: rev() })
				: await api('POST', `${API}/${res}`, body, { idemKey: key });
			if (draft) await vault.del(draft.id).then(refreshCount);
			say(t('saved')); keepMsg = true;
			go(`#/${res}/${(r.data && r.data.id) || id}`);
		} catch (e) {
			if (e.offline) {
				// Waits encrypted; a closed outbox is opened with the password first.
				if (!vault.isOpen(user.login)) {
					stash = { hash: location.hash, values: vals };
					sessionStorage.setItem('lbcare.back', location.hash);
					say(t('unlockFirst'), 'err'); keepMsg = true;
					go('#/unlock');
					return;
				}
				await toOutbox('queued');
			} else if (e.status === 412 && e.problem.current) conflict(e.problem.current, vals);
			else {
				const p = e.problem || {};
				const el = p.field && fieldError(String(p.field).replace(/^\//, ''), e.message);
				ferr.textContent = el ? t('fixErrors') : e.message;
				say(el ? t('fixErrors') + ': ' + e.message : e.message, 'err');
				if (el) el.focus();
			}
		} finally { btn.disabled = false; }
	}
	// Merge field by field: mine where only I changed, theirs where only
	// they changed; where both changed, the person chooses.
	function conflict(cur, mine) {
		const both = [];
		for (const f of fields) {
			const o = base[f.name] ?? null, m = mine[f.name], c = cur[f.name] ?? null;
			if (m !== o && c !== o && m !== c) both.push(f);
			else if (m === o && c !== o) setValue(form.elements[f.name], f, c);
		}
		// Decided only when saved: until then the outbox keeps the conflict.
		base = cur; etag = null;
		const box = h('fieldset', { class: 'conflict' }, h('legend', {}, t('conflict')));
		for (const f of both) {
			const g = h('fieldset', {}, h('legend', {}, label(f)));
			for (const [k, val] of [['mine', mine[f.name]], ['theirs', cur[f.name]]]) {
				const rid = `c-${f.name}-${k}`;
				g.append(h('div', { class: 'choice' }, h('input', { type: 'radio', id: rid, name: 'c-' + f.name, value: k, checked: k === 'mine' }),
					h('label', { for: rid }, t(k), ': ', fmt(f, val))));
			}
			box.append(g);
		}
		box.append(h('button', { type: 'button', onclick: () => {
			for (const f of both) if ($(`#c-${f.name}-theirs`, box).checked) setValue(form.elements[f.name], f, cur[f.name]);
			conflictBox.replaceChildren();
			$('button[type=submit]', form).focus();
		} }, t('useChoices')));
		conflictBox.replaceChildren(box);
		say(t('conflict'), 'err');
		(both.length ? $('input', box) : $('button', box)).focus();
	}
}
function inputFor(f, val, editing) {
	const id = 'i-' + f.name, eid = 'err-' + f.name, fixed = editing && f.immutable;
	const a = { id, name: f.name, required: f.required || null, 'aria-describedby': eid, lang: f.name === 'name_bo' ? 'bo' : null,
		readonly: fixed, disabled: fixed && (f.type === 'enum' || f.type === 'bool') };
	let el;
	if (f.type === 'ref' && isKey(val)) {
		// A record still waiting in the outbox: named, fixed, sent with it.
		const w = outbox().find(x => x.key === val);
		return h('div', { class: 'field' }, h('label', { for: id }, label(f)),
			h('input', { id, name: f.name, type: 'text', readonly: true, value: val, class: 'vh', 'aria-describedby': eid }),
			h('p', { class: 'note', 'data-pending-ref': f.name }, t('pendingRef', { r: resName(f.ref), name: (w && w.body && w.body.name) || '' })),
			h('p', { class: 'field-err', id: eid }));
	}
	if (f.multiple && f.values) {
		// A list of codes ("POLICE,EDUCATION"): a box each, kept joined in
		// a hidden input so the form reads it like any other field.
		const hid = h('input', { type: 'hidden', id, name: f.name });
		const boxes = f.values.map(x => h('input', { type: 'checkbox', id: `${id}-${x.code}`, value: x.code, disabled: fixed,
			'aria-describedby': eid, onchange: () => { hid.value = boxes.filter(b => b.checked).map(b => b.value).join(','); } }));
		hid.lbSet = (v) => { const on = new Set(String(v ?? '').split(',').filter(Boolean)); for (const b of boxes) b.checked = on.has(b.value); hid.value = boxes.filter(b => b.checked).map(b => b.value).join(','); };
		hid.lbFocus = () => boxes[0];
		setValue(hid, f, val);
		return h('fieldset', { class: 'field choices' + (f.sensitive ? ' sensitive' : '') },
			h('legend', {}, label(f), f.required ? h('abbr', { class: 'req', title: t('required') }, '*') : null),
			hid, f.values.map((x, i) => h('div', { class: 'choice' }, boxes[i], h('label', { for: `${id}-${x.code}` }, label(x)))),
			h('p', { class: 'field-err', id: eid }));
	}
	if (f.type === 'enum' || f.type === 'bool') {
		const opts = f.type === 'bool' ? [['true', t('yes')], ['false', t('no')]] : f.values.map(x => [x.code, enumLabel(f, x.code)]);
		el = h('select', a, h('option', { value: '' }, t('choose')), opts.map(([c, l]) => h('option', { value: c }, l)));
	} else if (f.type === 'text' && f.max > 200) {
		el = h('textarea', { ...a, maxlength: f.max, rows: 4 });
	} else {
		const type = { int: 'number', ref: 'number', date: 'date' }[f.type] || 'text';
		el = h('input', { ...a, type, min: f.type === 'int' ? f.min : null, max: f.type === 'int' ? f.max : null,
			maxlength: f.type === 'text' && f.max ? f.max : null, inputmode: /code|id_number/.test(f.name) ? 'numeric' : null,
			autocomplete: 'off', spellcheck: 'false' });
		if (f.name === 'id_number') el.removeAttribute('inputmode');    // may end in X
	}
	setValue(el, f, val);
	return h('div', { class: 'field' + (f.sensitive ? ' sensitive' : '') },
		h('label', { for: id }, label(f),
			f.required ? h('abbr', { class: 'req', title: t('required') }, '*') : null,
			f.sensitive ? h('span', { class: 'tag' }, t('sensitive')) : null),
		el, h('p', { class: 'field-err', id: eid }));
}
function setValue(el, f, v) { if (el.lbSet) el.lbSet(v); else el.value = v == null ? '' : String(v); }
function values(form, fields) {
	const o = {};
	for (const f of fields) {
		const raw = form.elements[f.name].value.trim();
		let v = raw === '' ? null : raw;
		if (v != null && (f.type === 'int' || f.type === 'ref') && /^-?\d+$/.test(v)) v = Number(v);
		if (v != null && f.type === 'bool') v = v === 'true';
		o[f.name] = v;
	}
	return o;
}

function viewOutbox(v) {
	const items = outbox();
	v.append(h('div', { class: 'title' }, h('h1', { tabindex: -1 }, t('outbox')),
		items.length && navigator.onLine ? h('button', { type: 'button', class: 'primary', onclick: sync }, t('sync')) : null),
	h('p', { class: 'note' }, t('outboxNote')),
	items.length ? h('ul', { class: 'outbox' }, items.map(it => h('li', { 'data-conflict': it.conflict ? 'yes' : null },
		h('strong', {}, resName(it.res), ' · ', it.body.name || (it.base && titleOf(it.base)) || forName(it.body)), ' ',
		h('small', {}, t(it.rid ? 'anEdit' : 'aNew'), ' · ', new Date(it.at).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN')),
		it.error ? h('p', { class: 'field-err' }, it.error) : null,
		h('div', { class: 'row' }, h('a', { class: 'button' + (it.conflict ? ' primary' : ''), href: '#/outbox/' + it.id }, t(it.conflict ? 'decideNow' : 'open')),
			// A child registered offline can be assessed and visited offline too.
			...(it.res === 'children' && !it.rid && it.key ? ['assessments', 'visits'].filter(canWriteRes).map(r =>
				h('a', { class: 'button', href: `#/new/${r}?child_id=${it.key}`, 'data-for': r }, t('newRecord', { r: resName(r) }))) : []),
			h('button', { type: 'button', onclick: async () => {
				// What was made for it goes with it: it could never be sent.
				const deps = items.filter(x => it.key && Object.values(x.body).includes(it.key));
				if (!confirm(t('discardSure') + (deps.length ? ' ' + t('discardDeps', { n: deps.length }) : ''))) return;
				for (const x of [it, ...deps]) await vault.del(x.id);
				await refreshCount(); route();
			} }, t('discard')))))) : h('p', {}, t('none')));
}

// ---------- on a record: raise a report, the child's timeline, evidence ----------
const RAISE_FROM = ['visits', 'case_notes', 'assessments', 'children'];
const EVIDENCE_ON = ['group_sessions', 'activities', 'visits', 'trainings', 'donations', 'cases', 'referrals', 'mandatory_reports', 'consents'];
// <input type=datetime-local> as RFC 3339 with this device's offset.
function withOffset(v) {
	if (!v) return null;
	const d = new Date(v), o = -d.getTimezoneOffset(), a = Math.abs(o);
	return (v.length === 16 ? v + ':00' : v) + (o < 0 ? '-' : '+') + String(a / 60 | 0).padStart(2, '0') + ':' + String(a % 60).padStart(2, '0');
}
const localNow = (min) => { const d = new Date(Date.now() - min * 60000); return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16); };
function fmtAt(v) {
	const s = String(v || '');
	if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return fmtDate(s);
	const d = new Date(s);
	return isNaN(d) ? s : fmtDate(s.slice(0, 10)) + ' ' + d.toLocaleTimeString(lang === 'en' ? 'en-GB' : 'zh-CN', { hour: '2-digit', minute: '2-digit' });
}
// Drawn at once and filled as their answers come, so the record itself
// shows no later than before.
function extras(v, res, r) {
	if (RAISE_FROM.includes(res) && canWriteRes('mandatory_reports')) v.append(raiseBox(res, r));
	if (res === 'children') v.append(timeline(r.id));
	if (EVIDENCE_ON.includes(res) && canRead(res)) v.append(evidence(res, r.id));
}
function raiseBox(res, r) {
	const scP = schema('mandatory_reports').catch(() => null);
	let byName = {};
	const box = h('div', { id: 'raise-box' });
	const btn = h('button', { type: 'button', class: 'danger', 'data-action': 'raise', 'aria-expanded': 'false', 'aria-controls': 'raise-box', onclick: () => (box.firstChild ? close() : open()) }, t('raise'));
	const sec = h('section', { class: 'raise', 'aria-labelledby': 'raise-h' }, h('h2', { id: 'raise-h' }, t('mandatoryReport')), h('p', { class: 'note' }, t('raiseNote')), btn, box);
	function close() { box.replaceChildren(); btn.setAttribute('aria-expanded', 'false'); btn.focus(); }
	async function open() {
		const sc = await scP;
		byName = sc ? Object.fromEntries(sc.fields.map(f => [f.name, f])) : {};
		const err = h('p', { class: 'form-err', role: 'alert', tabindex: -1 });
		const trig = byName.report_trigger;
		const dt = (id, text, val) => h('div', { class: 'field' }, h('label', { for: id }, text, h('abbr', { class: 'req', title: t('required') }, '*')),
			h('input', { id, name: id.slice(2), type: 'datetime-local', required: true, value: val, 'aria-describedby': 'tz-note' }));
		const f = h('form', { class: 'record-form card', id: 'raise-form', novalidate: true, onsubmit: async (ev) => {
			ev.preventDefault();
			err.textContent = '';
			const rec = [...f.querySelectorAll('input[name=recipients]:checked')].map(x => x.value);
			const body = { source_resource: res, source_id: r.id, trigger: f.elements.trigger.value || null,
				detected_at: withOffset(f.elements.detected_at.value), reported_at: withOffset(f.elements.reported_at.value), recipients: rec };
			const miss = !body.trigger ? 'trigger' : !body.detected_at ? 'detected_at' : !body.reported_at ? 'reported_at' : !rec.length ? 'recipients' : null;
			if (miss) { err.textContent = t('reqMissing') + ': ' + $(`[for="r-${miss}"], #r-${miss} legend`, f).textContent.replace('*', ''); err.focus(); return; }
			const b = $('button[type=submit]', f); b.disabled = true;
			try {
				const x = (await api('POST', API + '/mandatory_reports/raise', body)).data;
				say(t('raised')); keepMsg = true;
				go('#/mandatory_reports/' + x.id);
			} catch (e) { err.textContent = e.message; err.focus(); } finally { b.disabled = false; }
		} },
		h('h3', {}, t('raise')),
		h('div', { class: 'field' }, h('label', { for: 'r-trigger' }, trig ? label(trig) : t('trigger'), h('abbr', { class: 'req', title: t('required') }, '*')),
			h('select', { id: 'r-trigger', name: 'trigger', required: true }, h('option', { value: '' }, t('choose')), (trig ? trig.values : []).map(x => h('option', { value: x.code }, label(x))))),
		dt('r-detected_at', byName.detected_at ? label(byName.detected_at) : t('detectedAt'), localNow(30)),
		dt('r-reported_at', byName.reported_at ? label(byName.reported_at) : t('reportedAt'), localNow(0)),
		h('p', { class: 'hint', id: 'tz-note' }, t('tzNote', { tz: withOffset(localNow(0)).slice(-6) })),
		h('fieldset', { id: 'r-recipients' }, h('legend', {}, byName.recipients ? label(byName.recipients) : t('recipients'), h('abbr', { class: 'req', title: t('required') }, '*')),
			(byName.recipients ? byName.recipients.values : []).map(x => h('div', { class: 'choice' }, h('input', { type: 'checkbox', id: 'rc-' + x.code, name: 'recipients', value: x.code }), h('label', { for: 'rc-' + x.code }, label(x))))),
		err, h('div', { class: 'row actions' }, h('button', { type: 'submit', class: 'primary' }, t('raiseSend')), h('button', { type: 'button', onclick: close }, t('cancel'))));
		box.replaceChildren(f);
		btn.setAttribute('aria-expanded', 'true');
		f.elements.trigger.focus();
	}
	return sec;
}
function timeline(id) {
	const sec = h('section', { class: 'timeline', 'aria-labelledby': 'tl-h', 'data-section': 'timeline' }, h('h2', { id: 'tl-h' }, t('timeline')));
	(async () => { try {
		const d = (await api('GET', `${API}/children/${encodeURIComponent(id)}/timeline`)).data;
		const items = d.items || [];
		const word = label;
		sec.append(items.length ? h('ol', { class: 'history' }, items.map(x => h('li', { 'data-resource': x.resource, 'data-kind': x.kind },
			h('time', { datetime: x.at }, fmtAt(x.at)), ' · ',
			canRead(x.resource) ? h('a', { href: `#/${x.resource}/${x.id}` }, word(x)) : word(x),
			x.kind === 'step' && resName(x.resource) !== word(x) ? ' · ' + resName(x.resource) : ''))) : h('p', {}, t('none')));
		if (d.truncated) sec.append(h('p', { class: 'note' }, t('truncated')));
	} catch (e) { sec.append(h('p', { class: 'note' }, e.message)); } })();
	return sec;
}
function evidence(res, id) {
	const list = h('div');
	const sec = h('section', { class: 'evidence', 'aria-labelledby': 'ev-h', 'data-section': 'evidence' }, h('h2', { id: 'ev-h' }, t('evidence')), list);
	const kinds = load(K.index + '.kinds', []);
	const kindName = c => { const x = kinds.find(k => k.code === c); return x ? label(x) : c; };
	async function draw() {
		try {
			const d = (await api('GET', `${API}/evidence?resource=${res}&record_id=${encodeURIComponent(id)}`)).data;
			const items = d.items || [];
			// Who uploaded a file, or a supervisor, may take it away again.
			const mayRemove = x => canWriteRes(res) && (x.uploaded_by === user.id || has(['SUPERVISOR', 'LEAD', 'ADMIN']));
			list.replaceChildren(items.length ? h('ul', { class: 'ev-list' }, items.map(x => h('li', { 'data-evidence': x.id },
				h('a', { href: `${API}/evidence/${x.id}/content`, target: '_blank', rel: 'noopener' }, kindName(x.kind)),
				' · ', x.mime, ' · ', (x.size / 1024).toFixed(1), ' KB', x.uploaded_at ? ' · ' + fmtAt(x.uploaded_at) : '',
				mayRemove(x) ? [' ', h('button', { type: 'button', class: 'link', 'data-action': 'remove-evidence', onclick: async () => {
					if (!confirm(t('evRemoveSure'))) return;
					try { await api('DELETE', `${API}/evidence/${x.id}`); say(t('evRemoved')); await draw(); } catch (e) { say(e.message, 'err'); }
				} }, t('evRemove'))] : null))) : h('p', {}, t('noEvidence')));
		} catch (e) { list.replaceChildren(h('p', { class: 'note' }, e.message)); }
	}
	draw();
	if (!canWriteRes(res)) return sec;
	const err = h('p', { class: 'form-err', role: 'alert', id: 'err-ev-file' });
	const f = h('form', { class: 'record-form card', id: 'ev-form', novalidate: true, onsubmit: async (ev) => {
		ev.preventDefault();
		err.textContent = '';
		const file = f.elements.file.files[0];
		if (!file) { err.textContent = t('reqMissing'); f.elements.file.focus(); return; }
		const b = $('button[type=submit]', f); b.disabled = true;
		try {
			await api('POST', `${API}/evidence?resource=${res}&record_id=${encodeURIComponent(id)}&kind=${f.elements.kind.value}`, file, { type: file.type || 'application/octet-stream', timeout: 120000 });
			f.reset();
			say(t('uploaded'));
			await draw();
		} catch (e) {
			err.textContent = e.message;
			f.elements.file.setAttribute('aria-invalid', 'true');
			f.elements.file.focus();
		} finally { b.disabled = false; }
	} },
	h('h3', {}, t('upload')),
	field('ev-kind', t('evKind'), h('select', { id: 'ev-kind', name: 'kind' }, kinds.map(x => h('option', { value: x.code }, label(x))))),
	field('ev-file', t('evFile'), h('input', { id: 'ev-file', name: 'file', type: 'file', accept: 'image/jpeg,image/png,image/webp,application/pdf', 'aria-describedby': 'ev-hint err-ev-file' })),
	h('p', { class: 'hint', id: 'ev-hint' }, t('evHint')),
	err, h('button', { type: 'submit', class: 'primary' }, t('upload')));
	sec.append(f);
	return sec;
}

// ---------- the regional needs profile: a table and bars ----------
const GROUPS = ['sex', 'left_behind_type', 'guardianship', 'schooling', 'risk_level', 'needs'];
async function viewProfile(v, code, query) {
	const mine = (user.scope || '').padEnd(12, '0');
	code = code || mine;
	const on = query && query.get('on');
	const at = `${API}/regions/${encodeURIComponent(code)}/profile?` + (on ? 'on=' + encodeURIComponent(on) + '&' : '');
	const d = (await api('GET', at + 'format=json')).data;
	await regionsReady;
	// Any region within my scope, by its name; the date the counts stand at.
	const mineRegions = Object.keys(regionNames).filter(c => c.startsWith(user.scope || '')).sort();
	const pick = h('form', { class: 'search card', id: 'profile-form', onsubmit: (ev) => {
		ev.preventDefault();
		const c = pick.elements.region.value, o = pick.elements.on.value;
		go(`#/profile/${encodeURIComponent(c)}${o ? '?on=' + o : ''}`);
	} }, h('div', { class: 'row' },
		field('p-region', t('pRegion'), h('select', { id: 'p-region', name: 'region' }, (mineRegions.includes(code) ? mineRegions : [code, ...mineRegions]).map(c =>
			h('option', { value: c, selected: c === code }, regionNames[c] ? `${regionNames[c]} (${c})` : c)))),
		field('p-on', t('pOn'), h('input', { id: 'p-on', name: 'on', type: 'date', value: d.on })),
		h('button', { type: 'submit' }, t('show'))),
		h('p', { class: 'row downloads' }, t('download'), ': ',
			h('a', { href: at + 'format=csv', download: `profile-${code}-${d.on}.csv`, 'data-format': 'csv' }, 'CSV'), ' · ',
			h('a', { href: at + 'format=xlsx', download: `profile-${code}-${d.on}.xlsx`, 'data-format': 'xlsx' }, 'XLSX')));
	const w = label;
	const share = c => c.share == null ? '—' : (c.share * 100).toFixed(1) + '%';
	const count = c => c.suppressed ? t('suppressed') : num(c.count);
	v.append(h('h1', { tabindex: -1 }, t('profile'), ' · ', d.region_name || code),
		h('p', { class: 'who' }, t('profileOn', { on: fmtDate(d.on) }), ' · ', t('total'), ' ', count(d.total)), pick,
		...(d.suppressed_below ? [h('p', { class: 'note' }, t('suppressedNote', { n: d.suppressed_below }))] : []));
	for (const g of GROUPS) {
		const grp = d.groups && d.groups[g];
		if (!grp) continue;
		const vals = Object.entries(grp.values || {});
		const gname = grp.zh ? w(grp) : t('needsGroup');
		const id = 'pg-' + g;
		const max = Math.max(1, ...vals.map(([, c]) => c.count || 0));
		const BAR = 18, H = vals.length * (BAR + 6);
		// The bars repeat the table: the table is what a screen reader reads.
		const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
		svg.setAttribute('viewBox', `0 0 100 ${H}`);
		svg.setAttribute('preserveAspectRatio', 'none');
		svg.setAttribute('class', 'bars');
		svg.setAttribute('aria-hidden', 'true');
		svg.setAttribute('height', H);
		vals.forEach(([, c], i) => {
			const rc = document.createElementNS(svg.namespaceURI, 'rect');
			rc.setAttribute('x', 0); rc.setAttribute('y', i * (BAR + 6));
			rc.setAttribute('width', c.count ? Math.max(0.5, 100 * c.count / max) : 0); rc.setAttribute('height', BAR);
			if (c.suppressed) rc.setAttribute('class', 'sup');
			svg.append(rc);
		});
		v.append(h('section', { 'aria-labelledby': id, 'data-group': g, class: 'profile' }, h('h2', { id }, gname),
			h('div', { class: 'chart' }, h('ul', { class: 'bar-labels', 'aria-hidden': 'true' }, vals.map(([k, c]) => h('li', {}, w(c) || k))), svg),
			h('table', { class: 'ptable' }, h('caption', { class: 'vh' }, gname),
				h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('value')), h('th', { scope: 'col' }, t('count')), h('th', { scope: 'col' }, t('share')))),
				h('tbody', {}, vals.map(([k, c]) => h('tr', { 'data-value': k }, h('th', { scope: 'row' }, w(c) || k), h('td', {}, count(c)), h('td', {}, share(c))))))));
	}
}

// ---------- importing a roster: dry run first, then commit ----------
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
function viewImport(v) {
	const out = h('div', { id: 'import-report', 'aria-live': 'polite' });
	const err = h('p', { class: 'form-err', role: 'alert' });
	async function run(dry) {
		const file = f.elements.file.files[0];
		err.textContent = ''; out.replaceChildren();
		if (!file) { err.textContent = t('reqMissing'); f.elements.file.focus(); return; }
		for (const b of f.querySelectorAll('button')) b.disabled = true;
		let rep;
		try { rep = (await api('POST', `${API}/imports/children?dry_run=${dry}`, file, { type: /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv', timeout: 300000 })).data; }
		catch (e) { if (e.problem && Array.isArray(e.problem.problems)) rep = e.problem; else err.textContent = e.message; }
		finally { for (const b of f.querySelectorAll('button')) b.disabled = false; }
		if (rep) report(rep, dry);
	}
	function report(rep, dry) {
		const ok = rep.ok !== false;
		const head = h('h2', { tabindex: -1 }, !ok ? t('importRefused') : dry ? t('importDry') : t('importDone'));
		out.replaceChildren(...[head,
			h('ul', { class: 'counts' }, ['rows', 'created', 'updated', 'unchanged', 'rejected'].map(k => h('li', { 'data-count': k }, h('strong', { class: 'num' }, num(rep[k] ?? 0)), h('span', {}, t('imp.' + k))))),
			(rep.problems || []).length ? h('table', { class: 'list plain problems' }, h('caption', {}, t('problems', { n: rep.problem_count ?? rep.problems.length })),
				h('thead', {}, h('tr', {}, ['line', 'column', 'value', 'message'].map(k => h('th', { scope: 'col' }, t('imp.' + k))))),
				h('tbody', {}, rep.problems.map(p => h('tr', { 'data-line': p.line }, h('td', { 'data-label': t('imp.line') }, String(p.line)),
					h('td', { 'data-label': t('imp.column') }, [p.column, p.header].filter(Boolean).join(' ')), h('td', { 'data-label': t('imp.value') }, p.value ?? ''),
					h('td', { 'data-label': t('imp.message') }, label(p)))))) : null,
			rep.problems_truncated ? h('p', { class: 'note' }, t('truncated')) : null,
			ok && dry ? h('button', { type: 'button', class: 'primary', 'data-action': 'commit', onclick: () => run(false) }, t('importCommit')) : null].filter(Boolean));
		head.focus();
	}
	const f = h('form', { class: 'record-form card', id: 'import-form', novalidate: true, onsubmit: (ev) => { ev.preventDefault(); run(true); } },
		field('imp-file', t('rosterFile'), h('input', { id: 'imp-file', name: 'file', type: 'file', accept: '.csv,.xlsx,text/csv,' + XLSX, 'aria-describedby': 'imp-hint' })),
		h('p', { class: 'hint', id: 'imp-hint' }, t('importHint')),
		err, h('button', { type: 'submit', class: 'primary' }, t('importCheck')));
	v.append(h('h1', { tabindex: -1 }, t('importRoster')), f, out);
}

// ---------- start ----------
async function boot() {
	$('#lang').replaceChildren(...LANGS.map(([c, n, tag]) => h('option', { value: c, lang: tag }, n)));
	applyLang();
	$('#lang').addEventListener('change', (e) => {
		const f = $('form.record-form');
		if (f && f.lbValues) stash = { hash: location.hash, values: f.lbValues() };
		setLang(e.target.value, true);
		net(); keepMsg = keepFocus = true; route();
	});
	$('#logout').addEventListener('click', logout);
	$('#skip').addEventListener('click', (e) => { e.preventDefault(); $('#main').focus(); });
	addEventListener('hashchange', route);
	addEventListener('online', () => {
		for (const k in schemas) if (schemas[k].offline) delete schemas[k];
		net(); pushLang(); sync();
	});
	addEventListener('offline', net);
	net();
	if ('serviceWorker' in navigator) navigator.serviceWorker.register('sw.js').catch(() => {});
	try { setSession((await api('GET', API + '/session', undefined, { auth: true, timeout: 15000 })).data); }
	catch (e) { if (e.offline) user = load(K.user, null); else clearSession(); }
	if (user) await refreshCount();
	await route();
	sync();
}
boot();
