/* Tend: small enhancements only. Every page works without this file. */
(function () {
  "use strict";

  // The member's time zone on sign-up, from the phone itself.
  document.querySelectorAll("form[data-detect-timezone] input[name=time_zone]").forEach(function (input) {
    try { input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { /* keep default */ }
  });

  // Offline support: our service worker keeps the app shell and the offline page.
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/serviceworker.js", { scope: "/" }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      // Keep the cached offline page in the language this member reads now.
      if (registration.active) {
        registration.active.postMessage({ type: "refresh-shell", language: document.documentElement.lang });
      }
    }).catch(function () { /* the site still works online */ });
  }

  // Install: Android/Chromium gives us a prompt event; iOS needs a hint.
  var installed = window.matchMedia("(display-mode: standalone)").matches || navigator.standalone === true;
  var sections = document.querySelectorAll("[data-install-section]");
  function show(selector) {
    document.querySelectorAll(selector).forEach(function (el) { el.hidden = false; });
    sections.forEach(function (el) { el.hidden = false; });
  }
  if (!installed) {
    var isIOS = /iphone|ipad|ipod/i.test(navigator.userAgent) ||
      (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
    if (isIOS) { show("[data-install-ios]"); }
    var deferred = null;
    window.addEventListener("beforeinstallprompt", function (event) {
      event.preventDefault();
      deferred = event;
      show("[data-install-button]");
    });
    document.addEventListener("click", function (event) {
      var button = event.target.closest("[data-install-button]");
      if (!button || !deferred) { return; }
      deferred.prompt();
      deferred.userChoice.finally(function () {
        deferred = null;
        sections.forEach(function (el) { el.hidden = true; });
      });
    });
  }

  // Invitation link: copy or share with one tap.
  var source = document.querySelector("[data-copy-source]");
  if (source) {
    var copy = document.querySelector("[data-copy]");
    var share = document.querySelector("[data-share]");
    if (navigator.clipboard && copy) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(source.value).then(function () { copy.setAttribute("aria-pressed", "true"); });
      });
    }
    if (navigator.share && share) {
      share.hidden = false;
      share.addEventListener("click", function () {
        navigator.share({ title: share.dataset.shareTitle, url: source.value }).catch(function () {});
      });
    }
  }

  // No signal: bedside entries wait on this phone and are sent when it is back.
  // Replays are safe: every entry form carries its own id, and "done" is idempotent.
  var QUEUE = "tend-outbox";
  function outbox() { try { return JSON.parse(localStorage.getItem(QUEUE) || "[]"); } catch (e) { return []; } }
  function keep(items) { localStorage.setItem(QUEUE, JSON.stringify(items)); showOutbox(); }
  function showOutbox() {
    var note = document.querySelector("[data-outbox]");
    var count = outbox().length;
    if (note) { note.hidden = count === 0; note.querySelector("[data-outbox-count]").textContent = count; }
  }
  function queue(form, submitter) {
    var body = new URLSearchParams(new FormData(form, submitter)).toString();
    var items = outbox();
    items.push({ url: form.action || location.href, body: body });
    keep(items);
  }
  function flush() {
    var items = outbox();
    if (!items.length || !navigator.onLine) { return; }
    var item = items[0];
    fetch(item.url, { method: "POST", body: item.body, credentials: "same-origin",
                      headers: { "Content-Type": "application/x-www-form-urlencoded" } })
      .then(function (response) {
        if (response.status >= 500) { throw new Error(response.status); }
        keep(outbox().slice(1));  // sent, or refused for good (4xx): never retried forever
        flush();
      }).catch(function () { /* still offline: try again later */ });
  }
  window.addEventListener("online", flush);
  showOutbox();
  flush();
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var hasFile = Array.prototype.some.call(form.querySelectorAll("input[type=file]"),
                                            function (input) { return input.files.length; });
    if (navigator.onLine || hasFile || form.method.toLowerCase() !== "post" ||
        !(form.hasAttribute("data-entry-form") || form.hasAttribute("data-enhance"))) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    queue(form, event.submitter);
  }, true);

  // Today: one tap, no page load. The server answers with the refreshed board.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var board = form.closest("[data-board]");
    if (!board || !form.hasAttribute("data-enhance") || !window.fetch) { return; }
    event.preventDefault();
    var data = new FormData(form, event.submitter);
    form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin",
                         headers: { "X-Tend-Partial": "1" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text();
      })
      .then(function (html) {
        board.innerHTML = html;
        var status = board.querySelector("[role=status]");
        if (status) { status.setAttribute("tabindex", "-1"); status.focus(); }
      })
      .catch(function () {
        // The signal dropped between the tap and the answer: keep it for later.
        queue(form, event.submitter);
        form.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
      });
  });

  // Close an open menu when tapping elsewhere.
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.menu[open], details.switcher[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) { menu.removeAttribute("open"); }
    });
  });
})();
