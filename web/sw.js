// sw.js - keep the application shell so the app opens without a network.
// Only the shell files (and "/" as index.html) are handled: served from
// the cache at once and refreshed in the background, so a new version shows
// on the next load.  API answers are never cached here
// (children's data).  Bump V on a release.
const V = 'lbcare-shell-2';
const SHELL = ['./index.html', './app.js', './i18n.js', './vault.js', './merge.js', './style.css', './manifest.webmanifest'];

self.addEventListener('install', (e) => {
	e.waitUntil(caches.open(V).then((c) => Promise.all(SHELL.map((u) =>
		fetch(u, { cache: 'no-cache' }).then((r) => r.ok && c.put(u, r)).catch(() => {})))).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
	e.waitUntil(caches.keys().then((ks) => Promise.all(ks.filter((k) => k !== V).map((k) => caches.delete(k))))
		.then(() => self.clients.claim()));
});

self.addEventListener('fetch', (e) => {
	const req = e.request;
	const url = new URL(req.url);
	if (req.method !== 'GET' || url.origin !== location.origin) return;
	const scope = new URL(self.registration.scope).pathname;
	const path = url.pathname.startsWith(scope) ? url.pathname.slice(scope.length) : null;
	if (path === null) return;
	const key = path === '' ? './index.html' : './' + path;
	if (!SHELL.includes(key)) return;
	e.respondWith(caches.open(V).then(async (c) => {
		const hit = await c.match(key);
		const net = fetch(path === '' ? './' : key, { cache: 'no-cache' })
			.then((r) => { if (r.ok) c.put(key, r.clone()); return r; });
		if (hit) { e.waitUntil(net.catch(() => {})); return hit; }
		return net;
	}));
});
