/* Tandem alignment suggestions: after Accept (the course map's alignment endpoint swaps the item's alignment list)
   the suggestion list refreshes itself from the server; Dismiss swaps the list and keeps keyboard focus in it; both
   are announced in the panel's live region. 4xx problem fragments are shown in place. Runs once per page. */
(function () {
  'use strict';
  if (window.tandemSuggestions) { return; }
  window.tandemSuggestions = true;

  function announce(elt, text) {
    var panel = elt.closest('.sugg');
    var status = panel && panel.querySelector('.sugg-status');
    if (status) { status.textContent = text; }
  }

  document.body.addEventListener('htmx:afterRequest', function (e) {
    var elt = e.detail && e.detail.elt;
    if (!elt || !elt.classList) { return; }
    var code = elt.getAttribute('data-code') || 'the standard';
    if (elt.classList.contains('sugg-accept')) {
      if (e.detail.successful) {
        announce(elt, 'Aligned ' + code + ' to this item.');
        var box = elt.closest('.sugg-box');
        if (box && window.htmx) { window.htmx.trigger(box, 'suggestions-refresh'); }
      } else {
        announce(elt, 'Could not align ' + code + ' (error ' + e.detail.xhr.status + ').');
      }
    } else if (elt.classList.contains('sugg-dismiss')) {
      announce(elt, e.detail.successful ? 'Dismissed ' + code + ': it will not be suggested for this item again.'
        : 'Could not dismiss ' + code + ' (error ' + e.detail.xhr.status + ').');
    }
  });

  document.body.addEventListener('htmx:afterSwap', function (e) {
    var target = e.detail && e.detail.target;
    if (target && target.classList && target.classList.contains('sugg-box') && document.activeElement === document.body) {
      var fresh = target.id ? document.getElementById(target.id) : null;
      if (fresh) { fresh.focus(); }
    }
  });

  document.body.addEventListener('htmx:beforeSwap', function (e) {
    var xhr = e.detail.xhr;
    if (xhr && xhr.status >= 400 && xhr.status < 500 && xhr.getResponseHeader('X-Tandem-Fragment') === 'problem') {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });
}());
