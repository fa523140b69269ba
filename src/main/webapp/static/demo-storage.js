// The demo LMS's side of LTI Platform Storage: answers lti.capabilities, lti.put_data and lti.get_data from
// the tool's frame (and only from the tool's origin), keeping values in this page's memory per origin.
(function () {
  "use strict";
  var toolOrigin = document.getElementById("demo-platform").dataset.toolOrigin;
  var store = {};
  window.addEventListener("message", function (event) {
    var d = event.data;
    if (!d || typeof d.subject !== "string" || event.origin !== toolOrigin) { return; }
    var reply = { subject: d.subject + ".response", message_id: d.message_id };
    if (d.subject === "lti.capabilities") {
      reply.supported_messages = [{ subject: "lti.put_data" }, { subject: "lti.get_data" }];
    } else if (d.subject === "lti.put_data") {
      store[event.origin + "|" + d.key] = d.value;
      reply.key = d.key;
      reply.value = d.value;
    } else if (d.subject === "lti.get_data") {
      reply.key = d.key;
      if (Object.prototype.hasOwnProperty.call(store, event.origin + "|" + d.key)) {
        reply.value = store[event.origin + "|" + d.key];
      } else {
        reply.error = { code: "bad_request", message: "no value for this key" };
      }
    } else {
      reply.error = { code: "unsupported_subject", message: "not supported" };
    }
    event.source.postMessage(reply, event.origin);
  });
})();
