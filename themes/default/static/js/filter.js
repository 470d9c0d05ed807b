// The filter of the calendar and the event lists (partials/event-filter.html): it
// narrows what the page already lists, by the data-kind, data-terms, data-venue and
// data-organizers of each item, to what the form (or the address: ?kind=training&
// tag=防灾减灾&venue=…&organizer=…) asks for; the address follows the form, so a
// filtered view can be linked. No requests: everything is on the page.
(function () {
  var form = document.querySelector('form[data-filter]');
  if (!form) return;
  var items = document.querySelectorAll('[data-kind]');
  var facets = { kind: 'kind', tag: 'terms', venue: 'venue', organizer: 'organizers' };
  var names = ['kind', 'tag', 'venue', 'organizer'];
  var split = function (s) { return (s || '').split('|').filter(Boolean); };
  var option = function (select, value) {
    for (var i = 0; i < select.options.length; i++) if (select.options[i].value === value) return;
    var o = document.createElement('option');
    o.value = o.textContent = value;
    select.appendChild(o);
  };
  // The choices: every value the page's items have, in the reader's order.
  var selects = form.querySelectorAll('select[data-fill]');
  for (var s = 0; s < selects.length; s++) {
    var attr = 'data-' + selects[s].getAttribute('data-fill');
    var seen = {};
    for (var i = 0; i < items.length; i++) {
      var vs = split(items[i].getAttribute(attr));
      for (var j = 0; j < vs.length; j++) seen[vs[j]] = true;
    }
    var values = Object.keys(seen).sort(function (a, b) { return a.localeCompare(b, document.documentElement.lang); });
    if (!values.length) { selects[s].closest('.filter-field').hidden = true; continue; }
    for (var k = 0; k < values.length; k++) option(selects[s], values[k]);
  }
  // The state of the address: a value without a control (organizer, or a kind on a
  // page of one kind) is kept in a hidden field, so submitting keeps it.
  var params = new URLSearchParams(location.search);
  names.forEach(function (n) {
    var v = params.get(n);
    if (!v) return;
    var el = form.elements[n];
    if (!el) {
      el = document.createElement('input');
      el.type = 'hidden';
      el.name = n;
      form.appendChild(el);
    } else if (el.tagName === 'SELECT') {
      option(el, v);
    }
    el.value = v;
  });
  var state = function () {
    var st = {};
    names.forEach(function (n) { var el = form.elements[n]; if (el && el.value) st[n] = el.value; });
    return st;
  };
  var matches = function (item, st) {
    for (var n in st) {
      var have = split(item.getAttribute('data-' + facets[n]));
      if (have.indexOf(st[n]) < 0) return false;
    }
    return true;
  };
  var output = form.querySelector('[data-filter-count]');
  var apply = function (write) {
    var st = state();
    var query = new URLSearchParams(st).toString();
    var active = query !== '';
    for (var i = 0; i < items.length; i++) items[i].classList.toggle('filtered', !matches(items[i], st));
    // Days whose every occurrence is filtered out leave the phone agenda.
    var days = document.querySelectorAll('.day.has-events');
    for (var d = 0; d < days.length; d++) {
      days[d].classList.toggle('filtered', !days[d].querySelector('[data-kind]:not(.filtered)'));
    }
    var count = 0;
    var lists = document.querySelectorAll('[data-counted]');
    for (var l = 0; l < lists.length; l++) count += lists[l].querySelectorAll('[data-kind]:not(.filtered)').length;
    if (output) {
      output.textContent = active
        ? (count ? form.getAttribute('data-count').replace('{n}', count) : form.getAttribute('data-none'))
        : '';
    }
    // Links to other months (and kinds) keep the filter.
    var links = document.querySelectorAll('a[data-keep-query]');
    for (var a = 0; a < links.length; a++) {
      var url = new URL(links[a].href, location.href);
      var keep = new URLSearchParams(st);
      if (links[a].getAttribute('data-keep-query') === 'facets') keep.delete('kind');
      url.search = keep.toString();
      links[a].href = url.href;
    }
    if (write && history.replaceState) {
      history.replaceState(null, '', location.pathname + (active ? '?' + query : '') + location.hash);
    }
  };
  form.addEventListener('submit', function (e) { e.preventDefault(); apply(true); });
  form.addEventListener('change', function () { apply(true); });
  form.addEventListener('reset', function () {
    var hidden = form.querySelectorAll('input[type=hidden]');
    for (var h = 0; h < hidden.length; h++) hidden[h].remove();
    setTimeout(function () { apply(true); }, 0);
  });
  form.hidden = false;
  apply(false);
})();
