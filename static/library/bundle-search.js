// The offline bundle's search: the index (search-index.js, one entry per
// chapter, section and item: link, set, title, text, id) searched in the
// browser, from a page opened as a file.  Every word of the query must
// occur in an entry, ignoring case and accents; words of scripts written
// without spaces (Chinese) are found anywhere in the text.
(function () {
  'use strict';
  var index = window.COPHUB_INDEX || [];
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var input = document.getElementById('library-q');
  if (!status || !list || !input) return;
  function norm(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }
  var haystacks = index.map(function (e) { return norm(e[2] + ' ' + e[3]); });
  var q = new URLSearchParams(window.location.search).get('q') || '';
  input.value = q;
  var words = norm(q).split(/[\s.,;:!?"'()\[\]{}*+\-\/\\|<>=~`@#$%^&]+/).filter(function (w) { return w; });
  if (!words.length) return;
  var found = [];
  for (var i = 0; i < index.length && found.length < 50; i++) {
    var h = haystacks[i];
    if (words.every(function (w) { return h.indexOf(w) >= 0; })) found.push(index[i]);
  }
  status.textContent = found.length
    ? status.getAttribute('data-found').replace('{n}', String(found.length))
    : status.getAttribute('data-none');
  found.forEach(function (e) {
    var li = document.createElement('li');
    var p = document.createElement('p');
    var a = document.createElement('a');
    a.href = e[0];
    a.textContent = e[2];
    var meta = document.createElement('span');
    meta.className = 'muted';
    meta.textContent = ' · ' + e[1] + ' · ' + e[4];
    p.appendChild(a);
    p.appendChild(meta);
    var body = document.createElement('p');
    body.textContent = e[3];
    li.appendChild(p);
    li.appendChild(body);
    list.appendChild(li);
  });
})();
