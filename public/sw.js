// Topoform's service worker: once the app has loaded, it keeps working
// offline. On install it caches the app's own files (index.html, the hashed
// js/wasm/css, the templates, the exercises, the icon) and then serves them
// cache-first.
//
// scripts/post-build.mjs (Trunk's post_build hook) fills in VERSION and
// FILES for a release build: VERSION is a hash of every file's name and
// bytes, so a new build installs under a new cache name and deletes the old
// one. A debug build (`trunk serve`) leaves FILES empty and the worker
// caches nothing, so a development reload always shows the latest build.
const VERSION = '';
const FILES = [];

// One origin can host several copies (say /a/ and /b/): each scope keeps
// its own cache and only ever deletes its own older ones.
const SCOPE = self.registration.scope;
const FAMILY = `topoform ${SCOPE} `;
const CACHE = FAMILY + VERSION;

// Trunk's hashed names (NAME-<hash>.EXT) never change content, so the copy
// the page just downloaded (HTTP cache) will do; any other file (index.html,
// the templates) is fetched afresh past the HTTP cache, or a new build could
// cache an old one on a host that lets them be cached (GitHub Pages sends
// max-age=600 for every file).
const HASHED = /-[0-9a-f]{12,16}(_bg)?\.[a-z0-9]+$/;
const fresh = (file) => new Request(file, { cache: HASHED.test(file) ? 'default' : 'reload' });

self.addEventListener('install', (event) => {
  event.waitUntil(
    (FILES.length ? caches.open(CACHE).then((cache) => cache.addAll(FILES.map(fresh))) : Promise.resolve())
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(FAMILY) && (k !== CACHE || !FILES.length)).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (!FILES.length || request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  const url = new URL(request.url);
  const scopePath = new URL(SCOPE).pathname;
  // The page itself, whatever its query (?template=…), is index.html.
  const page = request.mode === 'navigate' && (url.pathname === scopePath || url.pathname === `${scopePath}index.html`);
  const key = page ? new URL('index.html', SCOPE).href : request;
  event.respondWith(
    caches.open(CACHE)
      // The cache holds decoded bodies, so the Accept-Encoding a response
      // varied on does not matter here.
      .then((cache) => cache.match(key, { ignoreSearch: page, ignoreVary: true }))
      .then((hit) => hit ?? fetch(request)),
  );
});
