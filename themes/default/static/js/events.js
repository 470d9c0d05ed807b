// kepu "never stale": a page built days ago still tells the truth. Elements with
// data-ends (an RFC 3339 instant) that has passed by the visitor's clock: upcoming
// cards move to the top of the past list, badges say "ended", sign-up buttons close.
// No dependency; without it the page shows what was true at build time.
(function () {
  var now = Date.now();
  var past = document.querySelector('[data-list="past"]');
  var upcoming = document.querySelector('[data-list="upcoming"]');
  var ended = function (el) {
    var t = Date.parse(el.getAttribute('data-ends'));
    return !isNaN(t) && t <= now;
  };
  var all = document.querySelectorAll('[data-ends]');
  var moved = [];
  for (var i = 0; i < all.length; i++) {
    var el = all[i];
    if (!ended(el)) continue;
    el.removeAttribute('data-ends');
    if (el.classList.contains('badge-upcoming')) {
      el.textContent = el.getAttribute('data-ended-text');
      el.className = 'badge badge-ended';
    } else if (el.classList.contains('register')) {
      var a = el.querySelector('a');
      var c = el.querySelector('.closed');
      if (a) a.remove();
      if (c) c.hidden = false;
    } else if (el.classList.contains('event-card') && past && upcoming && upcoming.contains(el)) {
      moved.push(el);
    } else if (el.tagName === 'LI') {
      el.hidden = true;
    }
  }
  // Cards came soonest first; each one inserted on top leaves the newest first.
  for (var j = 0; j < moved.length; j++) past.insertBefore(moved[j], past.firstChild);
  if (upcoming && !upcoming.querySelector('.event-card')) {
    var empty = document.querySelector('[data-empty]');
    if (empty) empty.hidden = false;
  }
})();
