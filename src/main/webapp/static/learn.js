/* Tandem — student view, "I can…" statements and the deep-linking picker. No inline script (CSP script-src 'self'). */
(function () {
  'use strict';
  if (window.tandemLearn) { return; }
  window.tandemLearn = true;

  // Fragments that explain a problem the person can fix (a statement too long) come as 4xx: show them in place.
  document.body.addEventListener('htmx:beforeSwap', function (e) {
    var xhr = e.detail.xhr;
    if (xhr && xhr.status >= 400 && xhr.status < 500 && xhr.getResponseHeader('X-Tandem-Fragment') === 'problem') {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });

  // The deep-linking picker's "Find" box: hides the choices (and unit groups) that do not match; checked ones stay.
  document.addEventListener('input', function (e) {
    var input = e.target;
    if (!input.matches || !input.matches('[data-picker-filter]')) { return; }
    var form = document.getElementById(input.getAttribute('data-picker-filter'));
    if (!form) { return; }
    var words = input.value.toLowerCase().trim().split(/\s+/).filter(Boolean);
    var shown = 0;
    var total = 0;
    form.querySelectorAll('.choice').forEach(function (choice) {
      var group = choice.closest('fieldset.dl-group');
      var legend = group ? group.querySelector('legend').textContent : '';
      var text = (choice.textContent + ' ' + legend).toLowerCase();
      var box = choice.querySelector('input');
      var match = (box && box.checked) || words.every(function (w) { return text.indexOf(w) >= 0; });
      choice.hidden = !match;
      total += 1;
      if (match) { shown += 1; }
    });
    form.querySelectorAll('fieldset.dl-group').forEach(function (group) {
      group.hidden = !group.querySelector('.choice:not([hidden])');
    });
    var status = document.getElementById(input.getAttribute('aria-describedby'));
    if (status) { status.textContent = words.length ? shown + ' of ' + total + ' shown' : ''; }
  });
}());
