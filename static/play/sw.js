// cophub: the service worker of the children's area, served as /play/sw.js
// so that it looks after /play/ only.
//
// - A band, once visited in a language, is kept whole: its pages, every
//   step and every feedback of its stories, the app's pages, pictures and
//   recordings (the list comes from /play/offline/BAND).  Pages are kept
//   per language; the files under /static/ and the recordings have
//   addresses that change with their content and are kept as they are.
// - Pages come from the network when there is one (and are then kept
//   fresh), else from what was kept.
// - An answer to a story is never lost and never counted twice: the
//   worker keeps it in the browser (IndexedDB), shows the feedback page,
//   and sends what it keeps in batches to /play/sync.  A batch gets a
//   random id once, before it is first sent, and keeps it until the
//   server says it has it; the server stores a batch id only once.
// Nothing here talks to any other site.
'use strict';

var PAGES = 'cophub-play-pages-1';
var FILES = 'cophub-play-files-1';
var DBNAME = 'cophub-play';
var STORE = 'answers';
var BANDS = /^\/play\/(u9|9-12|13-18)\/([a-z0-9-]+)$/;
var lang = 'en'; // the language of the last page shown

self.addEventListener('install', function () {
  self.skipWaiting();
});

self.addEventListener('activate', function (e) {
  e.waitUntil(Promise.all([
    self.clients.claim(),
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) {
        return n.indexOf('cophub-play-') === 0 && n !== PAGES && n !== FILES;
      }).map(function (n) { return caches.delete(n); }));
    }),
    remember().then(flush)
  ]));
});

// ---- the language --------------------------------------------------------

function setLang(l) {
  if (!/^[a-z]{2,3}$/.test(l || '') || l === lang) return Promise.resolve();
  lang = l;
  return caches.open(PAGES).then(function (c) {
    return c.put('/play/__lang', new Response(l));
  });
}

// After a restart of the worker: the language it had.
function remember() {
  return caches.open(PAGES).then(function (c) {
    return c.match('/play/__lang');
  }).then(function (r) {
    return r ? r.text() : null;
  }).then(function (l) {
    if (l) lang = l;
  });
}

// The key a page is kept under: its address with its query sorted and
// the language added, so that one page in six languages is six entries.
function key(url, l) {
  var u = new URL(url, self.location.origin);
  var q = [];
  u.searchParams.forEach(function (v, k) { if (k !== 'lang') q.push([k, v]); });
  q.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
  q.push(['lang', l]);
  return u.pathname + '?' + q.map(function (p) {
    return encodeURIComponent(p[0]) + '=' + encodeURIComponent(p[1]);
  }).join('&');
}

function isFile(url) {
  return url.pathname.indexOf('/static/') === 0 || url.pathname.indexOf('/play/audio/') === 0;
}

// ---- requests ------------------------------------------------------------

self.addEventListener('fetch', function (e) {
  var req = e.request;
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.method === 'POST' && BANDS.test(url.pathname)) {
    e.respondWith(answer(req, url, e));
  } else if (req.method !== 'GET') {
    return;
  } else if (isFile(url)) {
    e.respondWith(file(req));
  } else if (req.mode === 'navigate' && url.pathname.indexOf('/play') === 0) {
    e.respondWith(page(req.url, e));
  }
});

function file(req) {
  return caches.open(FILES).then(function (c) {
    return c.match(req, { ignoreVary: true }).then(function (hit) {
      return hit || fetch(req).then(function (res) {
        if (res.ok) c.put(req, res.clone());
        return res;
      });
    });
  });
}

// A page: from the network (then kept, under its language), else kept.
function page(url, e) {
  return remember().then(function () {
    return fetch(url, { credentials: 'same-origin' });
  }).then(function (res) {
    var l = res.headers.get('Content-Language') || lang;
    if (res.ok && (res.headers.get('Content-Type') || '').indexOf('text/html') === 0) {
      var copy = res.clone();
      e.waitUntil(Promise.all([
        setLang(l),
        caches.open(PAGES).then(function (c) { return c.put(key(url, l), copy); }),
        flush()
      ]));
    }
    return res;
  }, function () {
    return kept(url).then(function (hit) {
      return hit || offlinePage();
    });
  });
}

function kept(url) {
  return caches.open(PAGES).then(function (c) {
    return c.match(key(url, lang), { ignoreVary: true }).then(function (hit) {
      // the page in another language is better than none
      return hit || c.match(key(url, 'en'), { ignoreVary: true });
    });
  });
}

function offlinePage() {
  return caches.open(PAGES).then(function (c) {
    return c.match(key('/play', lang), { ignoreVary: true });
  }).then(function (hit) {
    return hit || new Response('<!DOCTYPE html><meta charset="utf-8"><title>cophub</title>' +
      '<p>You are offline. <a href="/play">Back to the games</a></p>',
      { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  });
}

// A story's answer: kept in the browser, then sent in a batch; the page
// shown is the choice's feedback, which stores nothing.
function answer(req, url, e) {
  var m = BANDS.exec(url.pathname);
  return req.clone().formData().then(function (form) {
    var step = String(form.get('step') || ''), choice = String(form.get('choice') || '');
    if (!/^[a-z0-9-]+$/.test(step) || !/^[a-d]$/.test(choice)) {
      return fetch(req); // let the server say what is wrong
    }
    return remember().then(function () {
      return add({
        band: m[1], id: m[2], step: step, choice: choice, lang: lang,
        day: new Date().toISOString().slice(0, 10), batch: null
      });
    }).then(function () {
      e.waitUntil(flush());
      return page('/play/' + m[1] + '/' + m[2] + '/feedback?step=' +
        encodeURIComponent(step) + '&choice=' + choice, e);
    });
  });
}

// ---- the answers kept in the browser ---------------------------------------

function db() {
  return new Promise(function (ok, fail) {
    var open = indexedDB.open(DBNAME, 1);
    open.onupgradeneeded = function () {
      open.result.createObjectStore(STORE, { keyPath: 'n', autoIncrement: true });
    };
    open.onsuccess = function () { ok(open.result); };
    open.onerror = function () { fail(open.error); };
  });
}

function tx(mode, fn) {
  return db().then(function (d) {
    return new Promise(function (ok, fail) {
      var t = d.transaction(STORE, mode);
      var out = fn(t.objectStore(STORE));
      t.oncomplete = function () { d.close(); ok(out && out.result !== undefined ? out.result : out); };
      t.onerror = t.onabort = function () { d.close(); fail(t.error); };
    });
  });
}

function add(a) {
  return tx('readwrite', function (s) { s.add(a); });
}

function all() {
  return tx('readonly', function (s) { return s.getAll(); });
}

function hex(n) {
  var b = new Uint8Array(n);
  self.crypto.getRandomValues(b);
  return Array.prototype.map.call(b, function (x) { return ('0' + x.toString(16)).slice(-2); }).join('');
}

// Sends the kept answers, a batch at a time; one flush at a time.
var flushing = null;
function flush() {
  if (flushing) return flushing;
  flushing = sendOne().then(function (more) {
    flushing = null;
    return more ? flush() : undefined;
  }, function () {
    flushing = null;
  });
  return flushing;
}

// One batch: the one already made and not yet confirmed, else a new one
// of up to 200 answers.  True when another may follow.
function sendOne() {
  return all().then(function (list) {
    if (!list.length) return false;
    var made = list.filter(function (a) { return a.batch; });
    var id = made.length ? made[0].batch : null;
    var items = id ? made.filter(function (a) { return a.batch === id; }) : list.slice(0, 200);
    var ready = Promise.resolve();
    if (!id) {
      id = hex(16);
      ready = tx('readwrite', function (s) {
        items.forEach(function (a) { a.batch = id; s.put(a); });
      });
    }
    return ready.then(function () {
      var body = new URLSearchParams();
      body.set('batch', id);
      body.set('answers', items.map(function (a) {
        return [a.band, a.id, a.step, a.choice, a.lang, a.day].join(' ');
      }).join('\n'));
      return fetch('/play/sync', { method: 'POST', body: body, credentials: 'same-origin' });
    }).then(function (res) {
      // stored (now or before), or refused for good: either way done
      if (!res.ok && res.status !== 400) return false;
      return tx('readwrite', function (s) {
        items.forEach(function (a) { s.delete(a.n); });
      }).then(function () { return list.length > items.length; });
    }, function () {
      return false; // offline: the batch waits, with its id
    });
  });
}

// ---- keeping a band --------------------------------------------------------

// Keeps every address of the band's list; again when the list changed.
function keep(band, l) {
  var mark = '/play/__ready/' + band + '/' + l;
  return caches.open(PAGES).then(function (pages) {
    return fetch('/play/offline/' + band + '?lang=' + l, { credentials: 'same-origin' })
      .then(function (res) { return res.text(); })
      .then(function (text) {
        return pages.match(mark).then(function (done) {
          return done ? done.text() : '';
        }).then(function (before) {
          return before === text ? true : keepAll(pages, mark, JSON.parse(text), l, text);
        });
      });
  });
}

function keepAll(pages, mark, list, l, text) {
  return caches.open(FILES).then(function (files) {
    var urls = list.urls.slice();
    function next() {
      var url = urls.shift();
      if (!url) return Promise.resolve();
      var u = new URL(url, self.location.origin);
      var p = isFile(u)
        ? files.match(url).then(function (hit) { return hit || files.add(url); })
        : fetch(url + (u.search ? '&' : '?') + 'lang=' + l, { credentials: 'same-origin' })
          .then(function (res) {
            if (!res.ok) throw new Error(url + ': ' + res.status);
            return pages.put(key(url, l), res);
          });
      return p.then(next);
    }
    // four at a time
    return Promise.all([next(), next(), next(), next()]);
  }).then(function () {
    return pages.put(mark, new Response(text));
  }).then(function () {
    return true;
  });
}

self.addEventListener('message', function (e) {
  var m = e.data || {};
  var reply = function (msg) { if (e.source) e.source.postMessage(msg); };
  if (m.type === 'page') {
    e.waitUntil(setLang(m.lang).then(flush).then(function () {
      if (!m.band) return;
      return keep(m.band, m.lang).then(function () {
        reply({ type: 'kept', band: m.band, lang: m.lang });
      }, function () {
        reply({ type: 'not-kept', band: m.band, lang: m.lang });
      });
    }));
  } else if (m.type === 'flush') {
    e.waitUntil(flush().then(function () { reply({ type: 'flushed' }); }));
  }
});
