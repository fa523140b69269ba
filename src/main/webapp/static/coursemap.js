/* Tandem course map: 4xx problem fragments shown next to the form that caused them (fields marked aria-invalid),
   status announcements for alignment changes, the copy dialog's Close button, and drag and drop of units and items
   (a progressive enhancement: the Up/Down buttons and the "Move to the unit" form do the same with the keyboard).
   Loaded by the course-map fragment; runs once per page. */
(function () {
  'use strict';
  if (window.tandemCourseMap) { return; }
  window.tandemCourseMap = true;

  function inMap(elt) { return elt && elt.closest && elt.closest('#course-map'); }

  function problemRegion(elt) {
    var scope = elt.closest('[data-problem-scope]');
    var region = scope && scope.querySelector('.form-problem');
    return region || document.getElementById('map-problem');
  }

  function clearProblems(scope) {
    if (!scope) { return; }
    Array.prototype.forEach.call(scope.querySelectorAll('.form-problem'), function (r) { r.textContent = ''; });
    Array.prototype.forEach.call(scope.querySelectorAll('[aria-invalid]'), function (f) {
      f.removeAttribute('aria-invalid');
      f.removeAttribute('aria-describedby');
    });
  }

  // A 4xx problem fragment goes into the problem region of the form (or panel) that sent the request.
  document.body.addEventListener('htmx:beforeSwap', function (e) {
    var xhr = e.detail.xhr;
    var elt = e.detail.requestConfig && e.detail.requestConfig.elt;
    if (!xhr || xhr.status < 400 || xhr.status >= 500 || xhr.getResponseHeader('X-Tandem-Fragment') !== 'problem' || !inMap(elt)) { return; }
    var region = problemRegion(elt);
    if (!region) { return; }
    e.detail.shouldSwap = true;
    e.detail.isError = false;
    e.detail.target = region;
    e.detail.swapOverride = 'innerHTML';
    e.detail.selectOverride = null;
  });

  var problemCount = 0;
  document.body.addEventListener('htmx:afterSwap', function (e) {
    var region = e.detail.target;
    if (!region || !region.classList || !region.classList.contains('form-problem')) { return; }
    var problem = region.querySelector('[data-testid=cm-problem]');
    var scope = region.closest('[data-problem-scope]') || region.parentElement;
    if (!problem || !scope) { return; }
    var id = 'cm-problem-' + (++problemCount);
    problem.id = id;
    var first = null;
    (problem.getAttribute('data-fields') || '').split(' ').forEach(function (name) {
      if (!name) { return; }
      Array.prototype.forEach.call(scope.querySelectorAll('[name="' + name + '"]'), function (field) {
        if (field.type === 'hidden') { return; }
        field.setAttribute('aria-invalid', 'true');
        field.setAttribute('aria-describedby', id);
        if (!first) { first = field; }
      });
    });
    if (first) { first.focus(); }
  });

  // After a successful request, the problems of its scope are gone; alignment lists announce what changed.
  document.body.addEventListener('htmx:afterRequest', function (e) {
    var elt = e.detail.elt;
    var xhr = e.detail.xhr;
    if (!inMap(elt) || !xhr || xhr.status >= 400) { return; } // problems were made swappable (isError false): read the status
    clearProblems(elt.closest('[data-problem-scope]'));
  });

  document.body.addEventListener('htmx:afterSettle', function () {
    var status = document.getElementById('map-status');
    Array.prototype.forEach.call(document.querySelectorAll('#course-map [data-announce]'), function (el) {
      if (status) { status.textContent = el.getAttribute('data-announce'); }
      el.removeAttribute('data-announce');
    });
    enableDrag();
  });

  document.addEventListener('click', function (e) {
    var close = e.target.closest && e.target.closest('[data-dialog-close]');
    if (!close) { return; }
    var holder = close.closest('[id^="copy-dialog-"]');
    var dialog = close.closest('dialog');
    if (dialog) { dialog.remove(); }
    if (holder) {
      var opener = document.getElementById(holder.id.replace('copy-dialog-', 'copy-'));
      if (opener) { opener.focus(); }
    }
  });

  // ---- drag and drop (units within the map; items within and between units)

  var drag = null;

  function enableDrag() {
    var body = document.getElementById('cm-body');
    if (!body || !body.querySelector('[data-testid=cm-add-unit]')) { return; } // read-only map
    Array.prototype.forEach.call(body.querySelectorAll('[data-drag-list] > li'), function (li) {
      if (!li.hasAttribute('draggable')) {
        li.setAttribute('draggable', 'true');
        li.classList.add('cm-draggable');
      }
    });
  }

  function listOf(li) { return li.parentElement; }

  function kindOf(list) { return list && list.getAttribute('data-drag-list'); }

  function ids(list) {
    return Array.prototype.filter.call(list.children, function (c) { return c.tagName === 'LI'; })
      .map(function (c) { return c.getAttribute('data-id'); });
  }

  document.addEventListener('dragstart', function (e) {
    var li = e.target;
    if (!li || !li.getAttribute || li.getAttribute('draggable') !== 'true' || !listOf(li).hasAttribute('data-drag-list')) { return; }
    drag = { li: li, kind: kindOf(listOf(li)), from: listOf(li), next: li.nextElementSibling, dropped: false };
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', li.getAttribute('data-id'));
    li.classList.add('cm-dragging');
  });

  function targetList(e) {
    if (!drag) { return null; }
    var list = e.target.closest && e.target.closest('[data-drag-list="' + drag.kind + '"]');
    if (!list && drag.kind === 'items') {
      var unit = e.target.closest && e.target.closest('.cm-unit');
      list = unit && unit.querySelector('[data-drag-list=items]');
    }
    return list;
  }

  document.addEventListener('dragover', function (e) {
    var list = targetList(e);
    if (!list) { return; }
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    var over = e.target.closest('[data-drag-list="' + drag.kind + '"] > li');
    if (over && over.parentElement === list && over !== drag.li && !drag.li.contains(over)) {
      var box = over.getBoundingClientRect();
      list.insertBefore(drag.li, e.clientY < box.top + box.height / 2 ? over : over.nextElementSibling);
    } else if (!over && drag.li.parentElement !== list) {
      list.appendChild(drag.li);
    }
  });

  document.addEventListener('drop', function (e) {
    var list = targetList(e);
    if (!list) { return; }
    e.preventDefault();
    drag.dropped = true;
    var values = {};
    values[drag.kind === 'units' ? 'unitIds' : 'itemIds'] = ids(list);
    var restore = { li: drag.li, from: drag.from, next: drag.next };
    window.htmx.ajax('POST', list.getAttribute('data-order-url'), { source: list, values: values, target: '#cm-body', swap: 'outerHTML' })
      .then(function () {
        if (restore.li.isConnected && document.getElementById('map-problem').textContent.trim()) {
          restore.from.insertBefore(restore.li, restore.next);
        }
      });
  });

  document.addEventListener('dragend', function () {
    if (!drag) { return; }
    drag.li.classList.remove('cm-dragging');
    if (!drag.dropped) { drag.from.insertBefore(drag.li, drag.next); }
    drag = null;
  });

  enableDrag();
}());
