// CX Impact's service worker: every asset of the build is cached at the first
// visit, so the app then loads and works with the network off. No request
// ever leaves for another origin.
//
// scripts/postbuild.py fills the two constants below for each build: the
// cache is named by a hash of the build's files, so a new deploy gets a new
// cache and the old one is deleted when the new worker takes over.
const CACHE_VERSION = 'dev';
const ASSETS = ['./', './index.html'];

const CACHE = `cx-impact-${CACHE_VERSION}`;
// Trunk names files with a content hash (`app-0123456789abcdef.css`): such a
// file never changes, so the cached copy is always right.
const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((c) => c.addAll(ASSETS)).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith('cx-impact-') && k !== CACHE).map((k) => caches.delete(k)),
      ))
      .then(() => self.clients.claim()),
  );
});

async function cached(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  // Any page address of the app (`./`, `./?embed=1`) is index.html.
  if (request.mode === 'navigate') {
    const index = await cache.match(new URL('./index.html', self.registration.scope).href);
    if (index) return index;
  }
  return Response.error();
}

// Unhashed files (index.html, the data worker's files): the network first,
// so a new deploy is seen at once; the cache when offline.
async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((c) => c.put(request, copy));
    }
    return response;
  } catch (_offline) {
    return cached(request);
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  const path = new URL(request.url).pathname;
  if (HASHED.test(path)) {
    event.respondWith(caches.open(CACHE)
      .then((c) => c.match(request))
      .then((hit) => hit || fetch(request)));
  } else {
    event.respondWith(networkFirst(request));
  }
});
