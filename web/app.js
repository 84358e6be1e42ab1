// app.js - the LBCare browser application: a small client of /api/v1.
// Routes live in the hash (#/children, #/children/12, #/new/children), so
// the server serves one page.  Forms are drawn from /api/v1/schema/<name>.
// DOM is built with h() and textContent only: no HTML from data.
import { LANGS, T, ROLES, FIELD_BO, ENUM_BO, ERR_BO } from './i18n.js';

const API = '/api/v1';
const K = { lang: 'lbcare.lang', csrf: 'lbcare.csrf', user: 'lbcare.user', schema: 'lbcare.schema.', outbox: 'lbcare.outbox.' };
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
const label = (o, name) => lang === 'en' ? (o.en || o.zh) : lang === 'bo' ? (FIELD_BO[name] || o.zh || o.en) : (o.zh || o.en);
const roleName = r => (ROLES[r] || [r, r])[lang === 'en' ? 1 : 0];
const resName = (r, sc) => T[lang][r] || (sc ? label(sc) : t(r));
function enumLabel(f, code) {
	const v = (f.values || []).find(x => x.code === code);
	if (!v) return code;
	return lang === 'en' ? v.en || v.zh : lang === 'bo' ? ENUM_BO[f.name + '.' + code] || v.zh : v.zh || v.en;
}
function fmt(f, v) {
	if (v == null || v === '') return '—';
	if (f.ref === 'regions' && regionNames[v]) return regionNames[v];
	if (f.name === 'name_pinyin') return String(v).split('|')[0];   // search forms after the bar
	if (f.type === 'enum') return enumLabel(f, v);
	if (f.type === 'bool') return t(v ? 'yes' : 'no');
	return String(v);
}
const num = n => typeof n === 'number' ? n.toLocaleString() : n && typeof n === 'object' ? num(n.value ?? n.count ?? null) : n ?? '—';
const titleOf = r => r.name || r.pseudonym || (r.code ? r.code : '#' + r.id);
const load = (k, d) => { try { return JSON.parse(localStorage.getItem(k)) ?? d; } catch { return d; } };
// Region codes are shown by name once the region list has loaded.
const regionNames = load('lb.regions', {});
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
function problemText(p) {
	const code = String(p.code || '').toLowerCase().replace(/^err_/, '');
	const bo = lang === 'bo' && (ERR_BO[code] || ERR_BO[p.status]);
	const d = p.detail || p.title || t('error');
	return bo ? (p.detail ? bo + ' — ' + p.detail : bo) : d;
}
async function api(method, path, body, opt = {}) {
	const hd = { Accept: 'application/json', 'Accept-Language': lang === 'en' ? 'en' : 'zh-CN' };
	if (body !== undefined) hd['Content-Type'] = 'application/json';
	const csrf = sessionStorage.getItem(K.csrf);
	if (method !== 'GET' && csrf) hd['X-CSRF-Token'] = csrf;
	if (opt.ifMatch) hd['If-Match'] = opt.ifMatch;
	if (opt.idemKey) hd['Idempotency-Key'] = opt.idemKey;
	const ctl = new AbortController();
	const timer = setTimeout(() => ctl.abort(), opt.timeout || 30000);
	let r, data = null;
	try {
		r = await fetch(path, { method, headers: hd, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', cache: 'no-store', signal: ctl.signal });
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

// ---------- session ----------
function setSession(d) {
	user = d.user;
	loadRegions();
	if (d.csrf_token) sessionStorage.setItem(K.csrf, d.csrf_token);
	const { id, login, display_name, roles, scope } = user;
	localStorage.setItem(K.user, JSON.stringify({ id, login, display_name, roles, scope }));
}
function clearSession() {
	user = null;
	sessionStorage.removeItem(K.csrf);
	localStorage.removeItem(K.user);
}
function expired() {
	if (!user) return;
	clearSession();
	sessionStorage.setItem('lbcare.back', location.hash);
	say(t('expired'), 'err'); keepMsg = true;
	go('#/login');
}
async function logout() {
	const n = outbox().length;
	if (n && !confirm(t('logoutPending', { n }))) return;
	try { await api('DELETE', API + '/session', undefined, { auth: true, timeout: 8000 }); } catch { /* logged out locally anyway */ }
	localStorage.removeItem(obKey());
	clearSession();
	go('#/login');
}

// ---------- outbox: writes made offline, replayed when online ----------
const obKey = () => K.outbox + (user ? user.login : '');
const outbox = () => load(obKey(), []);
const setOutbox = (a) => { a.length ? localStorage.setItem(obKey(), JSON.stringify(a)) : localStorage.removeItem(obKey()); chrome(); };
function queue(item) {
	const a = outbox().filter(x => x.id !== item.id);
	a.push(item);
	setOutbox(a);
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
async function sync() {
	if (!user || !navigator.onLine) return;
	let done = 0;
	for (const it of outbox()) {
		try {
			await send(it);
			setOutbox(outbox().filter(x => x.id !== it.id)); done++;
		} catch (e) {
			if (e.offline || e.status === 401) break;
			it.error = e.status === 412 ? t('changed') : e.message;
			setOutbox(outbox().map(x => x.id === it.id ? it : x));
		}
	}
	if (done) say(t('synced', { n: done }));
	if (done && /^#\/outbox/.test(location.hash)) { keepMsg = true; route(); }
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
	if (!user) { nav.replaceChildren(); return; }
	const links = [['#/', 'home']];
	if (has(CHILD_READ)) links.push(['#/children', 'children']);
	if (has(['ADMIN'])) links.push(['#/regions', 'regions'], ['#/organizations', 'organizations']);
	const n = outbox().length;
	const here = (location.hash.match(/^#\/[a-z_]*/) || ['#/'])[0];
	nav.replaceChildren(...links.map(([href, k]) =>
		h('a', { href, 'data-nav': k, 'aria-current': here === href ? 'page' : null }, t(k))),
	...(n ? [h('a', { href: '#/outbox', 'data-nav': 'outbox', class: 'badge' }, t('pendingN', { n }))] : []));
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
	const my = ++tok;
	const { parts, query } = parse();
	if (!keepMsg) say('');
	keepMsg = false;
	chrome();
	const main = $('#main');
	const view = h('div');
	const done = () => {
		if (my !== tok) return false;
		main.replaceChildren(view);
		const h1 = $('h1', main);
		document.title = (h1 ? h1.textContent + ' · ' : '') + 'LBCare';
		const auto = $('[autofocus]', main);
		if (!keepFocus) (auto || h1 || main).focus();
		keepFocus = false;
		return true;
	};
	if (!user) {
		if (parts[0] !== 'login') sessionStorage.setItem('lbcare.back', location.hash);
		viewLogin(view); done(); return;
	}
	main.setAttribute('aria-busy', 'true');
	try {
		const [a, b, c] = parts;
		if (!a || a === 'login') await viewHome(view);
		else if (a === 'outbox') await (b ? viewForm(view, null, null, b) : viewOutbox(view));
		else if (a === 'new' && b) await viewForm(view, b);
		else if (b && c === 'edit') await viewForm(view, a, b);
		else if (b) await viewRecord(view, a, b);
		else await viewList(view, a, query);
	} catch (e) {
		view.replaceChildren(h('h1', { tabindex: -1 }, t('error')), h('p', { class: 'msg err', role: 'alert' }, e.status === 404 ? t('notFound') : e.message));
	}
	main.removeAttribute('aria-busy');
	done();
}

// ---------- views ----------
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
			const back = sessionStorage.getItem('lbcare.back');
			sessionStorage.removeItem('lbcare.back');
			go(back && !/login/.test(back) ? back : '#/');
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

async function viewHome(v) {
	const kind = has(['WORKER', 'SUPERVISOR', 'LEAD']) ? 'worker' : has(['DIRECTOR', 'TOWNSHIP']) ? 'village'
		: has(['PURCHASER', 'EVALUATOR']) ? 'purchaser' : has(['ADMIN']) ? 'admin' : 'other';
	let d = null;
	try { d = (await api('GET', API + '/home')).data; } catch (e) { if (e.status === 401) throw e; }
	let counts = d && d.counts;
	if (!counts && kind !== 'admin' && kind !== 'other') {
		// /home not there yet: count the first page of the caseload instead.
		try {
			const l = (await api('GET', `${API}/children?limit=${PAGE}`)).data;
			counts = { children: l.next_cursor ? t('atLeast') + ' ' + l.items.length : l.items.length };
		} catch { /* nothing to show */ }
	}
	const head = { worker: 'caseload', village: 'area', purchaser: 'aggregates', admin: 'config', other: 'home' }[kind];
	v.append(h('section', { class: 'home', 'data-home': kind },
		h('h1', { tabindex: -1 }, t(head)),
		h('p', { class: 'who' }, t('hello', { name: user.display_name || user.login }), ' · ', user.roles.map(roleName).join('、')),
		kind === 'purchaser' ? h('p', { class: 'note' }, t('deid')) : null,
		counts ? h('ul', { class: 'counts' }, Object.entries(counts).map(([k, n]) => {
			const q = { high_risk: '?risk_level=HIGH', critical: '?risk_level=CRITICAL', unsupervised: '?guardianship=UNSUPERVISED', children: '' }[k];
			const body = [h('strong', { class: 'num' }, num(n)), h('span', {}, T[lang]['count_' + k] || T.zh['count_' + k] || k)];
			return h('li', { 'data-count': k }, q != null && has(CHILD_READ) ? h('a', { href: '#/children' + q }, body) : body);
		})) : kind === 'admin' || kind === 'other' ? null : h('p', { class: 'note' }, t('homeLater')),
		d && Array.isArray(d.alerts) && kind !== 'admin' ? h('section', { 'aria-labelledby': 'al' }, h('h2', { id: 'al' }, t('alerts')),
			d.alerts.length ? h('ul', { class: 'alerts' }, d.alerts.map(alertItem)) : h('p', {}, t('noAlerts'))) : null,
		h('div', { class: 'quick' },
			has(WRITERS.children) ? h('a', { class: 'button primary', href: '#/new/children' }, t('register')) : null,
			has(CHILD_READ) ? h('a', { class: 'button', href: '#/children' }, t('children')) : null,
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
	const params = new URLSearchParams(query);
	params.set('limit', PAGE);
	const first = (await api('GET', `${API}/${res}?${params}`)).data;
	const deid = first.items.length && cols[0] === 'name' && first.items.every(r => r.name == null);

	const qIn = h('input', { id: 'q', name: 'q', type: 'search', value: query.get('q') || '', placeholder: t('searchHint'), enterkeyhint: 'search' });
	// Filters the schema declares (never on sensitive fields: no ID numbers in URLs).
	const decl = sc.fields.filter(f => f.filter && !f.sensitive).map(f => f.name);
	const fl = (decl.length ? decl : FILTERS[res] || []).filter(n => byName[n]).map(n => {
		const f = byName[n], id = 'f-' + n, cur = query.get(n) || '';
		const inp = f.type === 'enum'
			? h('select', { id, name: n }, h('option', { value: '' }, '—'), f.values.map(x => h('option', { value: x.code, selected: x.code === cur }, enumLabel(f, x.code))))
			: h('input', { id, name: n, value: cur, inputmode: 'numeric' });
		return field(id, label(f, n), inp);
	});
	const form = h('form', { role: 'search', class: 'search', onsubmit: (ev) => {
		ev.preventDefault();
		const p = new URLSearchParams();
		for (const el of form.elements) if (el.name && el.value.trim()) p.set(el.name, el.value.trim());
		go(`#/${res}${p.toString() ? '?' + p : ''}`);
	} },
	h('div', { class: 'row' }, h('label', { for: 'q', class: 'vh' }, t('search')), qIn, h('button', { type: 'submit' }, t('search'))),
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
			add(d); tbody.rows[shown - d.items.length]?.querySelector('a')?.focus();
		} catch (e) { say(e.message, 'err'); }
		more.disabled = false;
	} }, t('more'));
	const add = (d) => {
		for (const r of d.items) tbody.append(h('tr', {}, cols.map((n, i) => {
			const f = byName[n];
			const txt = i === 0 && n === 'name' ? titleOf(r) : fmt(f, r[n]);
			return h('td', { 'data-label': label(f, n), lang: n === 'name_bo' ? 'bo' : null }, i === 0 ? h('a', { href: `#/${res}/${r.id}` }, txt) : txt);
		})));
		shown += d.items.length;
		next = d.next_cursor;
		more.hidden = !next;
		count.textContent = shown ? t('shown', { n: shown }) : t('none');
	};
	add(first);
	const canWrite = sc.can_write ?? has(WRITERS[res] || []);
	v.append(h('div', { class: 'title' }, h('h1', { tabindex: -1 }, resName(res, sc)),
		canWrite ? h('a', { class: 'button primary', href: '#/new/' + res }, t('new')) : null),
	form, count,
	h('table', { class: 'list' }, h('thead', {}, h('tr', {}, cols.map((n, i) => h('th', { scope: 'col' }, i === 0 && deid ? t('pseudonym') : label(byName[n], n))))), tbody),
	more);
}

async function viewRecord(v, res, id) {
	const sc = await schema(res);
	const r = (await api('GET', `${API}/${res}/${encodeURIComponent(id)}`)).data;
	const canWrite = sc.can_write ?? has(WRITERS[res] || []);
	const dl = h('dl', { class: 'record' });
	for (const f of sc.fields) {
		if (!(f.name in r) || f.name === 'revision') continue;
		const val = f.type === 'ref' && r[f.name] != null ? h('a', { href: `#/${f.ref}/${r[f.name]}` }, String(r[f.name])) : fmt(f, r[f.name]);
		dl.append(h('dt', {}, label(f, f.name)), h('dd', { lang: f.name === 'name_bo' ? 'bo' : null }, val));
	}
	if (r.pseudonym && !('name' in r)) dl.prepend(h('dt', {}, t('pseudonym')), h('dd', {}, r.pseudonym));
	dl.append(h('dt', {}, t('revision')), h('dd', {}, String(r.revision ?? '—')));
	v.append(h('nav', { class: 'crumbs', 'aria-label': t('back') }, h('a', { href: '#/' + res }, '← ' + resName(res, sc))),
		h('div', { class: 'title' }, h('h1', { tabindex: -1 }, titleOf(r)),
			canWrite ? h('a', { class: 'button', href: `#/${res}/${r.id}/edit` }, t('edit')) : null),
		dl);
}

// Create (id null), edit (id set) or reopen an outbox draft (draftId set).
async function viewForm(v, res, id, draftId) {
	const draft = draftId ? outbox().find(x => String(x.id) === draftId) : null;
	if (draftId && !draft) { go('#/outbox'); return; }
	if (draft) { res = draft.res; id = draft.rid; }
	let sc;
	try { sc = await schema(res); } catch (e) { if (e.offline) throw new Problem(t('noSchema')); throw e; }
	let base = {}, etag = null;
	if (draft && id) base = draft.base;
	else if (id) { const g = await api('GET', `${API}/${res}/${encodeURIComponent(id)}`); base = g.data; etag = g.etag; }
	const rev = () => etag || `"${base.revision}"`;
	const fields = sc.fields.filter(f => !f.readonly);
	const init = stash && stash.hash === location.hash ? stash.values : { ...base, ...(draft ? draft.body : {}) };
	stash = null;

	const ferr = h('div', { class: 'form-err' });
	const conflictBox = h('div');
	const form = h('form', { class: 'record-form', novalidate: true, onsubmit: (ev) => { ev.preventDefault(); submit(); } });
	for (const f of fields) form.append(inputFor(f, init[f.name], !!id));
	form.append(conflictBox, ferr, h('div', { class: 'row actions' },
		h('button', { type: 'submit', class: 'primary' }, t('save')),
		h('a', { class: 'button', href: draft ? '#/outbox' : id ? `#/${res}/${id}` : '#/' + res }, t('cancel'))));
	form.lbValues = () => values(form, fields);
	const title = t(id ? 'editRecord' : 'newRecord', { r: resName(res, sc) });
	v.append(...[h('h1', { tabindex: -1 }, id ? `${title}: ${titleOf(base)}` : title),
		draft && h('p', { class: 'note' }, t('draft'), draft.error ? ' · ' + draft.error : ''),
		sc.offline && h('p', { class: 'note' }, t('offlineSchema')),
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
		return el;
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
		try {
			const r = id ? await api('PATCH', `${API}/${res}/${encodeURIComponent(id)}`, body, { ifMatch: rev() })
				: await api('POST', `${API}/${res}`, body, { idemKey: key });
			if (draft) setOutbox(outbox().filter(x => x.id !== draft.id));
			say(t('saved')); keepMsg = true;
			go(`#/${res}/${(r.data && r.data.id) || id}`);
		} catch (e) {
			if (e.offline) {
				queue({ id: draft ? draft.id : Date.now(), key, res, rid: id, rev: base.revision, base: id ? base : null, body, at: new Date().toISOString() });
				say(t('queued')); keepMsg = true;
				go('#/outbox');
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
		base = cur; etag = null;
		if (draft) queue({ ...draft, base: cur, rev: cur.revision });
		const box = h('fieldset', { class: 'conflict' }, h('legend', {}, t('conflict')));
		for (const f of both) {
			const g = h('fieldset', {}, h('legend', {}, label(f, f.name)));
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
		h('label', { for: id }, label(f, f.name),
			f.required ? h('abbr', { class: 'req', title: t('required') }, '*') : null,
			f.sensitive ? h('span', { class: 'tag' }, t('sensitive')) : null),
		el, h('p', { class: 'field-err', id: eid }));
}
function setValue(el, f, v) { el.value = v == null ? '' : String(v); }
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
		items.length ? h('button', { type: 'button', class: 'primary', onclick: sync }, t('sync')) : null),
	items.length ? h('ul', { class: 'outbox' }, items.map(it => h('li', {},
		h('strong', {}, t(it.res), ' · ', it.body.name || (it.base && titleOf(it.base)) || ''), ' ', h('small', {}, new Date(it.at).toLocaleString(lang === 'en' ? 'en' : 'zh-CN')),
		it.error ? h('p', { class: 'field-err' }, it.error) : null,
		h('div', { class: 'row' }, h('a', { class: 'button', href: '#/outbox/' + it.id }, t('open')),
			h('button', { type: 'button', onclick: () => { setOutbox(outbox().filter(x => x.id !== it.id)); route(); } }, t('discard')))))) : h('p', {}, t('none')));
}

// ---------- start ----------
async function boot() {
	$('#lang').replaceChildren(...LANGS.map(([c, n, tag]) => h('option', { value: c, lang: tag }, n)));
	applyLang();
	$('#lang').addEventListener('change', (e) => {
		const f = $('form.record-form');
		if (f) stash = { hash: location.hash, values: f.lbValues() };
		lang = e.target.value;
		localStorage.setItem(K.lang, lang);
		applyLang(); net(); keepMsg = keepFocus = true; route();
	});
	$('#logout').addEventListener('click', logout);
	$('#skip').addEventListener('click', (e) => { e.preventDefault(); $('#main').focus(); });
	addEventListener('hashchange', route);
	addEventListener('online', () => {
		for (const k in schemas) if (schemas[k].offline) delete schemas[k];
		net(); sync();
	});
	addEventListener('offline', net);
	net();
	if ('serviceWorker' in navigator) navigator.serviceWorker.register('sw.js').catch(() => {});
	try { setSession((await api('GET', API + '/session', undefined, { auth: true, timeout: 15000 })).data); }
	catch (e) { if (e.offline) user = load(K.user, null); else clearSession(); }
	await route();
	sync();
}
boot();
