// Inside WeChat's own browser (its user agent says MicroMessenger) a calendar file can
// be neither downloaded nor subscribed to: the .ics link says to open the page in the
// browser instead (data-wechat-note), the webcal:// link goes (data-wechat-hide). Old
// JavaScript only: the in-app browser's core (X5/XWeb) lags behind Chrome. Without
// JavaScript the links stay as they are.
(function () {
  if (!/MicroMessenger/i.test(navigator.userAgent)) return;
  var links = document.querySelectorAll('[data-wechat-note], [data-wechat-hide]');
  for (var i = 0; i < links.length; i++) {
    var a = links[i];
    var parent = a.parentNode;
    var note = a.getAttribute('data-wechat-note');
    if (note) {
      var span = document.createElement('span');
      span.className = 'in-wechat';
      span.setAttribute('data-in-wechat', '');
      span.textContent = note;
      parent.replaceChild(span, a);
    } else if (parent.tagName === 'LI') {
      parent.hidden = true;
    } else {
      var before = a.previousSibling;
      if (before && before.nodeType === 3 && /^\s*·\s*$/.test(before.nodeValue)) parent.removeChild(before);
      parent.removeChild(a);
    }
  }
})();
