/* Tandem: times in the reader's own time zone. Pages write each moment as <time datetime="ISO" data-local>…UTC</time>;
   this rewrites the text with the browser's time zone and language (the UTC text stays as the element's title), on
   load and in every fragment htmx swaps in. Date inputs marked data-local-today start at the reader's today (the
   server only knows UTC's, a day ahead on an American evening). Without JavaScript the UTC text and date stay.
   Loaded by the page shell. */
(function () {
  'use strict';
  if (window.tandemLocalTime) { return; }
  window.tandemLocalTime = true;
  var format;
  try {
    format = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric',
      minute: '2-digit', timeZoneName: 'short' });
  } catch (e) {
    return;
  }

  function localToday() {
    var now = new Date();
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return now.getFullYear() + '-' + two(now.getMonth() + 1) + '-' + two(now.getDate());
  }

  function localise(root) {
    if (!root || !root.querySelectorAll) { return; }
    var dates = root.querySelectorAll('input[type=date][data-local-today]');
    for (var d = 0; d < dates.length; d++) {
      dates[d].value = localToday();
      dates[d].removeAttribute('data-local-today');
    }
    var times = root.querySelectorAll('time[data-local][datetime]');
    for (var i = 0; i < times.length; i++) {
      var t = times[i];
      if (t.hasAttribute('data-localised')) { continue; }
      var at = new Date(t.getAttribute('datetime'));
      if (isNaN(at.getTime())) { continue; }
      t.setAttribute('title', t.textContent.trim());
      t.textContent = format.format(at);
      t.setAttribute('data-localised', '');
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { localise(document); });
  } else {
    localise(document);
  }
  document.addEventListener('htmx:afterSettle', function (e) { localise(e.target); });
}());
