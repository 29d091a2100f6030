/* Tend service worker: served at /serviceworker.js by django-pwa.
 *
 * - Static files (hashed names) are cache-first: they never change under a name.
 * - Pages go to the network; with no signal we show a copy kept from an earlier
 *   visit (guidance articles, the red flags), else our translated offline page.
 * - Only guidance pages and the offline page are kept: a patient's records are
 *   never written to this phone's cache.
 */
const SHELL = "tend-shell-v1";
const PAGES = "tend-pages-v1";
const KEEP_PAGES = /^\/(guidance\/|offline\/$)/;

async function refreshShell() {
  const response = await fetch("/app-shell.json", { credentials: "same-origin", cache: "no-store" });
  if (!response.ok) { return; }
  const shell = await response.json();
  const cache = await caches.open(SHELL);
  const request = (url) => new Request(url, { credentials: "same-origin", cache: "reload" });
  // The offline page must be kept (install fails and is retried otherwise);
  // the rest is best effort, so one missing file cannot leave the app without it.
  await cache.add(request(shell.offline));
  const isPage = (url) => KEEP_PAGES.test(url);
  await Promise.all(shell.urls.filter((url) => !isPage(url)).map((url) => cache.add(request(url)).catch(() => null)));
  // Pages in the list (the red flags) go where visited guidance pages go, with their pictures.
  await Promise.all(shell.urls.filter((url) => isPage(url) && url !== shell.offline).map(
    (url) => fetch(request(url)).then((r) => (r.ok ? keepPage(url, r) : null)).catch(() => null)));
  await cache.put("/__shell-language", new Response(shell.language));
}

self.addEventListener("install", (event) => {
  event.waitUntil(refreshShell().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const keep = [SHELL, PAGES];
    for (const name of await caches.keys()) {
      if (!keep.includes(name)) { await caches.delete(name); }
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "refresh-shell") { return; }
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL);
    const stored = await cache.match("/__shell-language");
    const language = stored ? await stored.text() : "";
    if (language !== event.data.language) { await refreshShell(); }
  })());
});

// Keep a guidance page and its pictures, so that it reads the same with no signal.
async function keepPage(pathname, response) {
  const cache = await caches.open(pathname === "/offline/" ? SHELL : PAGES);
  const html = await response.clone().text();
  await cache.put(pathname, response);
  const pictures = [...html.matchAll(/src="(\/static\/[^"]+)"/g)].map((m) => m[1]);
  const statics = await caches.open(SHELL);
  await Promise.all(pictures.map((src) => statics.add(src).catch(() => null)));
}

async function fromNetworkOrCache(request, event) {
  const url = new URL(request.url);
  try {
    const response = await fetch(request);
    if (response.ok && KEEP_PAGES.test(url.pathname)) {
      event.waitUntil(keepPage(url.pathname, response.clone()));
    }
    return response;
  } catch (error) {
    const kept = (await caches.match(url.pathname)) || (await caches.match("/offline/"));
    return kept || Response.error();
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) { return cached; }
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(SHELL);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") { return; }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate") {
    event.respondWith(fromNetworkOrCache(request, event));
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(cacheFirst(request));
  }
});

/* Reminders (core/reminders/delivery): a pushed reminder becomes a notification with
 * "Done" and "Snooze 15 min" buttons. A button posts to its signed URL, so it works
 * from the lock screen without opening the app; anything else (or a failed post)
 * opens the patient's Today page, focusing it if it is already open.
 */
self.addEventListener("push", (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch (error) { data = { body: event.data.text() }; }
  const actions = Array.isArray(data.actions) ? data.actions : [];
  event.waitUntil(self.registration.showNotification(data.title || "Tend", {
    body: data.body || "",
    tag: data.tag,
    renotify: Boolean(data.tag && data.renotify),
    requireInteraction: true,
    lang: data.lang,
    dir: data.dir || "auto",
    timestamp: data.timestamp,
    icon: "/static/icons/icon-192.png",
    actions: actions.map((a) => ({ action: a.action, title: a.title })),
    data: { url: data.url || "/today/", actions },
  }));
});

/* A push service may replace a subscription (it expired, or its keys were rotated) and tells
 * only the service worker, often at night with no page open. Subscribe again if the browser
 * has not, and give the server the new subscription in place of the old one, so that the
 * reminders keep reaching this phone. Signed out: nothing to do; the Reminders page offers
 * to turn notifications on again.
 */
async function renewPush(oldSubscription, newSubscription) {
  const response = await fetch("/reminders/push/renewal/", {
    credentials: "same-origin", cache: "no-store", redirect: "error", headers: { Accept: "application/json" } });
  if (!response.ok) { return false; }
  const server = await response.json();
  const fresh = newSubscription || await self.registration.pushManager.subscribe(
    { userVisibleOnly: true, applicationServerKey: server.key });  // base64url, as the Push API accepts
  const body = fresh.toJSON();
  if (oldSubscription && oldSubscription.endpoint !== fresh.endpoint) { body.replaces = oldSubscription.endpoint; }
  const saved = await fetch(server.subscribe, {
    method: "POST", credentials: "same-origin", redirect: "error", body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": server.csrf } });
  return saved.ok;
}

self.addEventListener("pushsubscriptionchange", (event) => {
  event.waitUntil(renewPush(event.oldSubscription, event.newSubscription).catch(() => false));
});

async function openPage(url) {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find((client) => client.url === url) || windows[0];
  if (open) {
    const client = open.url === url ? open : await open.navigate(url).catch(() => null);
    if (client) { return client.focus(); }
  }
  return self.clients.openWindow(url);
}

self.addEventListener("notificationclick", (event) => {
  const info = event.notification.data || {};
  const action = (info.actions || []).find((a) => a.action === event.action);
  event.notification.close();
  event.waitUntil((async () => {
    if (action && action.url) {
      try {
        const response = await fetch(new URL(action.url, self.location.origin), { method: "POST", credentials: "omit" });
        if (response.ok) { return; }
      } catch (error) { /* offline: open Today instead, where the tap can be made again */ }
    }
    await openPage(new URL(info.url || "/today/", self.location.origin).href);
  })());
});
