/* Tandem co-teaching tools: copy buttons (the calendar subscription URL) and print buttons (the plan print view).
   Loaded by those fragments; binds once, on the document, so swapped-in fragments work too. No inline handlers
   (Content-Security-Policy: script-src 'self'). */
(function () {
  'use strict';
  if (window.tandemCoteachingTools) { return; }
  window.tandemCoteachingTools = true;

  function announce(button, text) {
    var status = button.parentNode ? button.parentNode.querySelector('[data-copy-status]') : null;
    if (status) { status.textContent = text; }
  }

  function copy(button) {
    var input = document.querySelector(button.getAttribute('data-copy'));
    if (!input) { return; }
    input.focus();
    input.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(function () {
        announce(button, 'Copied.');
      }, function () {
        announce(button, 'Select the address and copy it (Ctrl+C or Cmd+C).');
      });
      return;
    }
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    announce(button, ok ? 'Copied.' : 'Select the address and copy it (Ctrl+C or Cmd+C).');
  }

  document.addEventListener('click', function (e) {
    var target = e.target && e.target.closest ? e.target.closest('[data-copy],[data-print]') : null;
    if (!target) { return; }
    if (target.hasAttribute('data-copy')) {
      copy(target);
    } else {
      window.print();
    }
  });
}());
