/* Tandem standards library: keyboard-navigable ARIA tree (lazy branches loaded by htmx), downloads that carry the
   launch-session header, and 4xx problem fragments shown in place. Loaded by the library fragments; runs once. */
(function () {
  'use strict';
  if (window.tandemStandards) { return; }
  window.tandemStandards = true;

  function group(item) { return item.querySelector(':scope > [role=group]'); }

  function visible(item) {
    var p = item.parentElement && item.parentElement.closest('[role=treeitem]');
    while (p) {
      if (p.getAttribute('aria-expanded') !== 'true') { return false; }
      p = p.parentElement && p.parentElement.closest('[role=treeitem]');
    }
    return true;
  }

  function items(tree) {
    return Array.prototype.filter.call(tree.querySelectorAll('[role=treeitem]'), visible);
  }

  function focus(tree, item) {
    Array.prototype.forEach.call(tree.querySelectorAll('[role=treeitem][tabindex="0"]'), function (e) { e.setAttribute('tabindex', '-1'); });
    item.setAttribute('tabindex', '0');
    item.focus();
  }

  function expand(item) {
    if (!item.hasAttribute('aria-expanded')) { return; }
    item.setAttribute('aria-expanded', 'true');
    var g = group(item);
    if (g) {
      g.hidden = false;
      if (!g.dataset.loaded && window.htmx) {
        g.dataset.loaded = '1';
        window.htmx.trigger(g, 'std-expand');
      }
    }
  }

  function collapse(item) {
    if (!item.hasAttribute('aria-expanded')) { return; }
    item.setAttribute('aria-expanded', 'false');
    var g = group(item);
    if (g) { g.hidden = true; }
  }

  document.addEventListener('keydown', function (e) {
    var item = e.target;
    if (!item || !item.getAttribute || item.getAttribute('role') !== 'treeitem') { return; }
    var tree = item.closest('[role=tree]');
    var list = items(tree);
    var i = list.indexOf(item);
    switch (e.key) {
      case 'ArrowDown': if (i < list.length - 1) { focus(tree, list[i + 1]); } break;
      case 'ArrowUp': if (i > 0) { focus(tree, list[i - 1]); } break;
      case 'ArrowRight':
        if (item.getAttribute('aria-expanded') === 'false') { expand(item); }
        else if (item.getAttribute('aria-expanded') === 'true') {
          var child = item.querySelector(':scope > [role=group] > [role=treeitem]');
          if (child) { focus(tree, child); }
        }
        break;
      case 'ArrowLeft':
        if (item.getAttribute('aria-expanded') === 'true') { collapse(item); }
        else {
          var parent = item.parentElement && item.parentElement.closest('[role=treeitem]');
          if (parent) { focus(tree, parent); }
        }
        break;
      case 'Home': if (list.length) { focus(tree, list[0]); } break;
      case 'End': if (list.length) { focus(tree, list[list.length - 1]); } break;
      case 'Enter':
      case ' ': {
        var open = item.querySelector(':scope > .tree-row [data-open]');
        if (open) { open.click(); }
        break;
      }
      default: return;
    }
    e.preventDefault();
  });

  document.addEventListener('click', function (e) {
    var toggle = e.target.closest && e.target.closest('[data-toggle]');
    if (!toggle) { return; }
    var item = toggle.closest('[role=treeitem]');
    if (item.getAttribute('aria-expanded') === 'true') { collapse(item); } else { expand(item); }
    focus(item.closest('[role=tree]'), item);
  });

  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a[data-download]');
    if (!a) { return; }
    e.preventDefault();
    var status = document.getElementById('std-export-status');
    var headers = {};
    try { headers = JSON.parse(document.body.getAttribute('hx-headers') || '{}'); } catch (ignored) { headers = {}; }
    if (status) { status.textContent = 'Preparing the file…'; }
    fetch(a.href, { headers: headers, credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) { throw new Error('the server answered ' + r.status); }
      return r.blob();
    }).then(function (blob) {
      var url = URL.createObjectURL(blob);
      var link = document.createElement('a');
      link.href = url;
      link.download = a.getAttribute('data-download') || 'framework';
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 2000);
      if (status) { status.textContent = 'Downloaded.'; }
    }).catch(function (err) {
      if (status) { status.textContent = 'The export failed: ' + err.message; }
    });
  });

  document.body.addEventListener('htmx:beforeSwap', function (e) {
    var xhr = e.detail.xhr;
    if (xhr && xhr.status >= 400 && xhr.status < 500 && xhr.getResponseHeader('X-Tandem-Fragment') === 'problem') {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });
}());
