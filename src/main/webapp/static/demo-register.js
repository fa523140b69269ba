// Demo LMS: wait for Tandem's LTI Dynamic Registration close message, then show the result.
(function () {
  var frame = document.getElementById("dr-frame");
  var done = document.getElementById("dr-done");
  if (!frame || !done) {
    return;
  }
  var toolOrigin = frame.getAttribute("data-tool-origin");
  window.addEventListener("message", function (event) {
    if (event.origin !== toolOrigin || !event.data || event.data.subject !== "org.imsglobal.lti.close") {
      return;
    }
    frame.parentNode.removeChild(frame);
    done.hidden = false;
    done.focus();
  });
})();
