// LTI Client Side postMessages + Platform Storage (1EdTech): keep the launch's browser binding in the LMS's
// storage when third-party cookies are blocked. mode=put (login): store, then continue to the auth endpoint.
// mode=get (launch): read it back and re-post the launch with it. Messages go only to the platform's origin,
// and answers are accepted only from it.
(function () {
  "use strict";
  var cfg = document.getElementById("lti-storage").dataset;
  var TIMEOUT_MS = 5000;

  function targetWindow(name) {
    if (!name || name === "_parent") { return window.parent; }
    try {
      var frame = window.parent.frames[name];
      if (frame) { return frame; }
    } catch (e) { /* cross-origin access to the frames collection is allowed; keep going */ }
    return window.parent;
  }

  function messageId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function send(message) {
    return new Promise(function (resolve, reject) {
      var id = messageId();
      message.message_id = id;
      var timer = setTimeout(function () {
        window.removeEventListener("message", onMessage);
        reject(new Error("timeout"));
      }, TIMEOUT_MS);
      function onMessage(event) {
        var data = event.data;
        if (event.origin !== cfg.origin || !data || data.message_id !== id || data.subject !== message.subject + ".response") {
          return;
        }
        clearTimeout(timer);
        window.removeEventListener("message", onMessage);
        if (data.error) { reject(new Error(data.error.code || "error")); } else { resolve(data); }
      }
      window.addEventListener("message", onMessage);
      targetWindow(cfg.target).postMessage(message, cfg.origin);
    });
  }

  function fallback() {
    document.getElementById("lti-storage-status").textContent = "Tandem could not open inside this page.";
    var f = document.getElementById("lti-storage-fallback");
    if (f) { f.hidden = false; }
  }

  if (cfg.mode === "put") {
    // Whatever happens, continue: the cookie set with this page may still carry the binding.
    send({ subject: "lti.put_data", key: cfg.key, value: cfg.value })
      .catch(function () { /* fall through to the cookie */ })
      .then(function () { window.location.replace(cfg.next); });
  } else {
    send({ subject: "lti.get_data", key: cfg.key })
      .then(function (data) {
        var form = document.getElementById("lti-storage-launch");
        form.elements.lti_storage_proof.value = data.value || "";
        form.submit();
      })
      .catch(fallback);
  }
})();
