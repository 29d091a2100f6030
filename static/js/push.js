/* Tend: turn push notifications on or off for this device (Reminders page only).
 * The rest of the page works without this file; without it (or without the Push API)
 * the page keeps its sentence pointing to the calendar link.
 */
(function () {
  "use strict";
  var section = document.querySelector("[data-push]");
  if (!section || !section.dataset.key) { return; }
  var supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window &&
    typeof window.fetch === "function";
  var isIOS = /iphone|ipad|ipod/i.test(navigator.userAgent) ||
    (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
  if (!supported) {
    // iOS offers push only to an app added to the home screen.
    if (isIOS) { section.querySelector("[data-push-ios]").hidden = false; }
    return;
  }

  var onButton = section.querySelector("[data-push-on]");
  var offButton = section.querySelector("[data-push-off]");
  var state = section.querySelector("[data-push-state]");
  var csrf = section.querySelector("input[name=csrfmiddlewaretoken]").value;

  function say(text) { state.textContent = text; state.hidden = !text; }

  function keyBytes(base64url) {
    var base64 = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = window.atob(base64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
    return bytes;
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin", body: JSON.stringify(body),
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf },
    }).then(function (response) {
      // 404 on turning off: the server had already forgotten this device, which is what we want.
      if (!response.ok && !(response.status === 404 && url === section.dataset.unsubscribeUrl)) {
        throw new Error("HTTP " + response.status);
      }
    });
  }

  function deviceName() {
    var ua = navigator.userAgent;
    var system = /android/i.test(ua) ? "Android" : isIOS ? "iPhone/iPad" : /windows/i.test(ua) ? "Windows" :
      /mac os/i.test(ua) ? "Mac" : /cros/i.test(ua) ? "ChromeOS" : /linux/i.test(ua) ? "Linux" : "";
    var browser = /edg\//i.test(ua) ? "Edge" : /firefox\//i.test(ua) ? "Firefox" : /samsungbrowser/i.test(ua) ?
      "Samsung Internet" : /chrome\//i.test(ua) ? "Chrome" : /safari\//i.test(ua) ? "Safari" : "";
    return [browser, system].filter(Boolean).join(" · ");
  }

  // The server's list of devices says whether this browser is one of them.
  function show(subscription) {
    var known = null;
    document.querySelectorAll("[data-endpoint]").forEach(function (row) {
      if (subscription && row.getAttribute("data-endpoint") === subscription.endpoint) { known = row; }
    });
    if (known) { known.querySelector("[data-this-device]").hidden = false; }
    onButton.hidden = Boolean(known);
    offButton.hidden = !known;
  }

  navigator.serviceWorker.ready.then(function (registration) {
    section.querySelector("[data-push-unsupported]").hidden = true;
    registration.pushManager.getSubscription().then(show);

    onButton.addEventListener("click", function () {
      onButton.disabled = true;
      say("");
      Notification.requestPermission().then(function (permission) {
        if (permission !== "granted") { throw new Error("denied"); }
        // A subscription made with an older server key cannot be reused: start afresh.
        return registration.pushManager.getSubscription();
      }).then(function (old) {
        return old ? old.unsubscribe() : true;
      }).then(function () {
        return registration.pushManager.subscribe({ userVisibleOnly: true,
                                                     applicationServerKey: keyBytes(section.dataset.key) });
      }).then(function (subscription) {
        var body = subscription.toJSON();
        body.device = deviceName();
        return post(section.dataset.subscribeUrl, body);
      }).then(function () {
        window.location.reload();
      }).catch(function (error) {
        onButton.disabled = false;
        say(error && error.message === "denied" ? section.dataset.msgDenied : section.dataset.msgFailed);
      });
    });

    offButton.addEventListener("click", function () {
      offButton.disabled = true;
      registration.pushManager.getSubscription().then(function (subscription) {
        if (!subscription) { return null; }
        return post(section.dataset.unsubscribeUrl, { endpoint: subscription.endpoint }).then(function () {
          return subscription.unsubscribe();
        });
      }).then(function () {
        window.location.reload();
      }).catch(function () {
        offButton.disabled = false;
        say(section.dataset.msgFailed);
      });
    });
  });
})();
