/* Tandem linked sections and co-teaching policy panels: copy an invitation code, show 4xx problem fragments in
   place, and move focus to what a swap just showed (a message, a question, a new code). Loaded by the panels; runs once. */
(function () {
  'use strict';
  if (window.tandemLinks) { return; }
  window.tandemLinks = true;

  function copied(button, text) {
    var status = button.parentNode.querySelector('[data-copy-status]');
    if (status) { status.textContent = text; }
  }

  document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('[data-copy]');
    if (!button) { return; }
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) { return; }
    var text = source.textContent.trim();
    if (navigator.clipboard && window.isSecureContext) {
      // In an LMS iframe without allow="clipboard-write" this is refused: then copy through the selection.
      navigator.clipboard.writeText(text).then(function () { copied(button, 'Copied.'); },
        function () { copySelected(button, source); });
      return;
    }
    copySelected(button, source);
  });

  function copySelected(button, source) {
    var range = document.createRange();
    range.selectNodeContents(source);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (ignored) { ok = false; }
    copied(button, ok ? 'Copied.' : 'The code is selected: press Ctrl+C (\u2318C on a Mac) to copy it.');
  }

  document.body.addEventListener('htmx:beforeSwap', function (e) {
    var xhr = e.detail.xhr;
    if (xhr && xhr.status >= 400 && xhr.status < 500 && xhr.getResponseHeader('X-Tandem-Fragment') === 'problem') {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });

  document.body.addEventListener('htmx:afterSettle', function () {
    var focus = document.querySelector('#links-panel [data-focus]:not([data-focused]), #coteaching-policy-panel [data-focus]:not([data-focused])');
    if (focus) {
      focus.setAttribute('data-focused', '');
      focus.focus();
    }
  });
}());
