/**
 * The console's one script, served from our own origin as `/assets/console.js` (a few KB: no
 * framework, no CDN). Every page works without it; it adds three things:
 * - live regions (`data-live`): on each server-sent `change`, the region is reloaded in place;
 * - the policy editor (`data-check`): the draft is checked as it is typed, problems by path;
 * - CSRF: `fetch` writes send the page's token as `x-csrf-token`.
 * Kept as text in a TypeScript module because the build transpiles `.ts` files only.
 */
export const CONSOLE_SCRIPT = `'use strict';
(function () {
  var csrf = (document.querySelector('meta[name=csrf-token]') || {}).content || '';
  function live(region) {
    var source = new EventSource(region.getAttribute('data-live'));
    var busy = false;
    source.addEventListener('change', function () {
      if (busy) return;
      busy = true;
      fetch(location.href, { headers: { 'x-fragment': '1' }, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (text) {
          var current = document.getElementById(region.id);
          var focused = document.activeElement && document.activeElement.closest('#' + region.id);
          if (!current || focused) return;
          var holder = document.createElement('div');
          holder.innerHTML = text;
          var fresh = holder.querySelector('#' + region.id);
          if (fresh) current.replaceWith(fresh);
        })
        .catch(function () {})
        .then(function () { busy = false; });
    });
    window.addEventListener('pagehide', function () { source.close(); });
  }
  function editor(area) {
    var out = document.getElementById(area.getAttribute('data-check-output'));
    var timer = 0;
    var asked = 0;
    function show(problems) {
      out.textContent = '';
      if (problems.length === 0) {
        out.textContent = 'No problems: the draft is a valid config.';
        out.className = 'ok';
        return;
      }
      out.className = 'problems';
      var list = document.createElement('ul');
      problems.forEach(function (p) {
        var item = document.createElement('li');
        var path = document.createElement('code');
        path.textContent = p.path;
        item.appendChild(path);
        item.appendChild(document.createTextNode(' ' + p.message));
        list.appendChild(item);
      });
      out.appendChild(list);
    }
    function check() {
      var ask = ++asked;
      fetch(area.getAttribute('data-check'), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'text/yaml', 'x-csrf-token': csrf },
        body: area.value
      })
        .then(function (r) { return r.json(); })
        .then(function (body) { if (ask === asked) show(body.problems || []); })
        .catch(function () {});
    }
    area.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(check, 250);
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-live]').forEach(live);
    document.querySelectorAll('textarea[data-check]').forEach(editor);
  });
})();
`;
