/* Tandem coverage pages: CSV downloads that carry the launch-session header (a plain link would not), and 4xx
   problem fragments shown in place. Loaded by the coverage fragments and the district data page; runs once. */
(function () {
  'use strict';
  if (window.tandemCoverage) { return; }
  window.tandemCoverage = true;

  function sessionHeaders() {
    try { return JSON.parse(document.body.getAttribute('hx-headers') || '{}'); } catch (ignored) { return {}; }
  }

  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a[data-coverage-download]');
    if (!a) { return; }
    e.preventDefault();
    var status = document.getElementById(a.getAttribute('data-download-status') || 'coverage-download-status');
    var say = function (text) { if (status) { status.textContent = text; } };
    say('Preparing the file…');
    fetch(a.href, { headers: sessionHeaders(), credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) { throw new Error('the server answered ' + r.status); }
      return r.blob();
    }).then(function (blob) {
      var url = URL.createObjectURL(blob);
      var link = document.createElement('a');
      link.href = url;
      link.download = a.getAttribute('data-coverage-download');
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 2000);
      say('Downloaded.');
    }).catch(function (err) { say('The download failed: ' + err.message); });
  });

  document.body.addEventListener('htmx:beforeSwap', function (e) {
    var xhr = e.detail.xhr;
    if (xhr && xhr.status >= 400 && xhr.status < 500 && xhr.getResponseHeader('X-Tandem-Fragment') === 'problem') {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });
}());
