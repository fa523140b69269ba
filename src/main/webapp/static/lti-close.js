// LTI Dynamic Registration 1.0 §3.7: tell the LMS that opened this page (popup or iframe) that registration is over.
(function () {
  function close() {
    var target = window.opener || (window.parent !== window ? window.parent : null);
    if (target) {
      target.postMessage({ subject: "org.imsglobal.lti.close" }, "*");
    }
  }
  var buttons = document.querySelectorAll("[data-lti-close]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener("click", close);
  }
})();
