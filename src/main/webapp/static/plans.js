/* Tandem co-teaching plans: marks the editor's form as changed (so the live poll never replaces unsaved work),
   keeps the minutes total up to date while typing, searches standards on Enter without saving the plan, and shows
   4xx problem fragments in place. Loaded by the plan fragments; runs once. */
(function () {
  'use strict';
  if (window.tandemPlans) { return; }
  window.tandemPlans = true;

  function planForm(el) {
    return el && el.closest ? el.closest('#plan-form') : null;
  }

  function markDirty(form) {
    var dirty = form.querySelector('#plan-dirty');
    if (dirty) { dirty.value = '1'; }
  }

  function recount(form) {
    var out = document.getElementById('plan-minutes');
    if (!out) { return; }
    var period = parseInt(out.getAttribute('data-period'), 10) || 0;
    var periodInput = form.querySelector('[name="periodMinutes"]');
    if (periodInput && /^\d+$/.test(periodInput.value)) { period = parseInt(periodInput.value, 10); }
    var sum = 0;
    var valid = true;
    Array.prototype.forEach.call(form.querySelectorAll('input[name^="activities/@"][name$="/minutes"]'), function (i) {
      var v = i.value.trim();
      if (v === '') { return; }
      if (!/^\d+$/.test(v)) { valid = false; return; }
      sum += parseInt(v, 10);
    });
    if (!valid) {
      out.textContent = 'Minutes must be whole numbers.';
      out.classList.add('over');
      return;
    }
    var text = sum + ' of ' + period + ' minutes planned';
    if (sum > period) {
      text += ', ' + (sum - period) + ' over';
    } else {
      text += sum === period ? ', the period is full' : ', ' + (period - sum) + ' remaining';
    }
    out.textContent = text;
    out.classList.toggle('over', sum > period);
  }

  function edited(e) {
    var form = planForm(e.target);
    if (!form || e.target.name === 'stdq') { return; }
    markDirty(form);
    if (/\/minutes$/.test(e.target.name || '') || e.target.name === 'periodMinutes') { recount(form); }
  }

  document.addEventListener('input', edited);
  document.addEventListener('change', edited);

  document.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && e.target && e.target.id === 'f-stdq') {
      e.preventDefault();
      var button = document.querySelector('[data-testid=plan-std-search]');
      if (button) { button.click(); }
    }
  });

  document.addEventListener('htmx:beforeSwap', function (e) {
    var xhr = e.detail.xhr;
    if (xhr && xhr.status >= 400 && xhr.status < 500 && xhr.getResponseHeader('X-Tandem-Fragment') === 'problem') {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });
}());
