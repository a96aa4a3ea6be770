// cophub: the little JavaScript of the children's area.  Everything works
// without it; with it, the quick-exit button leaves without a way back,
// points and badges of the 9-to-12 quest are kept on this device only,
// and the passphrase game measures strength as you type.  Nothing here
// sends anything anywhere.
(function () {
  'use strict';

  // Quick exit: replace this page in the history, so Back does not return.
  document.addEventListener('click', function (e) {
    var a = e.target.closest ? e.target.closest('[data-quick-exit]') : null;
    if (a) {
      e.preventDefault();
      window.location.replace(a.getAttribute('href'));
    }
  });

  // Narration: a line is read aloud only when its play button is pressed;
  // pressing it again, or another one, stops what is playing.  Without
  // JavaScript the button is a link to the recording.
  var playing = null;
  function stop() {
    if (!playing) return;
    playing.audio.pause();
    playing.link.classList.remove('playing');
    playing = null;
  }
  document.addEventListener('click', function (e) {
    var a = e.target.closest ? e.target.closest('[data-say]') : null;
    if (!a) return;
    e.preventDefault();
    var same = playing && playing.link === a;
    stop();
    if (same) return;
    var audio = new Audio(a.getAttribute('href'));
    playing = { audio: audio, link: a };
    a.classList.add('playing');
    audio.addEventListener('ended', stop);
    audio.addEventListener('error', stop);
    audio.play().catch(stop);
  });

  // Offline: the service worker keeps a band once visited, and the
  // answers given without a network until they can be sent.
  if ('serviceWorker' in navigator) {
    var bandEl = document.querySelector('[data-band]');
    var hello = function (sw) {
      sw.postMessage({
        type: 'page',
        lang: document.documentElement.lang,
        band: bandEl ? bandEl.getAttribute('data-band') : null
      });
    };
    navigator.serviceWorker.addEventListener('message', function (e) {
      var m = e.data || {};
      var ready = document.querySelector('[data-offline-ready]');
      if (m.type === 'kept' && ready && bandEl && m.band === bandEl.getAttribute('data-band')) {
        ready.hidden = false;
        document.documentElement.setAttribute('data-offline', m.band);
      }
    });
    navigator.serviceWorker.register('/play/sw.js', { scope: '/play' }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (reg) {
      if (reg.active) hello(reg.active);
    }).catch(function () { /* no offline play in this browser */ });
    window.addEventListener('online', function () {
      if (navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage({ type: 'flush' });
      }
    });
  }

  // Points and badges, kept in this browser only.
  var KEY = 'cophub.play.points';
  function load() {
    try { return JSON.parse(window.localStorage.getItem(KEY) || '{}'); } catch (e) { return {}; }
  }
  function save(p) {
    try { window.localStorage.setItem(KEY, JSON.stringify(p)); } catch (e) { /* private mode */ }
  }
  var story = document.querySelector('article[data-scenario][data-points]');
  if (story) {
    var points = load(), id = story.getAttribute('data-scenario');
    var got = parseInt(story.getAttribute('data-points'), 10) || 0;
    if (!(id in points) || got > points[id]) { points[id] = got; save(points); }
  }
  var total = document.querySelector('[data-points-total]');
  if (total) {
    var p = load(), sum = 0;
    document.querySelectorAll('.level').forEach(function (level) {
      var links = level.querySelectorAll('[data-scenario]'), all = links.length > 0;
      links.forEach(function (l) {
        var v = p[l.getAttribute('data-scenario')];
        if (typeof v === 'number') { sum += v; l.classList.add('done'); }
        if (!(v >= 10)) all = false;
      });
      var badge = level.querySelector('[data-badge]');
      if (badge && all) badge.hidden = false;
    });
    total.querySelector('[data-points-value]').textContent = String(sum);
    total.hidden = false;
  }

  // Passphrase strength: about how many guesses someone who knows how
  // people make passwords would need, in bits (log2 of the guesses).
  // zxcvbn's method, written small: the text is cut into the cheapest
  // pieces to guess (a common password, a run like "abc" or "4321", keys
  // side by side, a repeat, a date or year, or else letter by letter) and
  // the pieces' bits are added.  Written here because zxcvbn is in Debian
  // only as a C library, and checking on the server would send what the
  // child types over the network: this stays on the device.
  var meter = document.querySelector('[data-meter]');
  if (meter) {
    var input = meter.querySelector('[data-meter-input]');
    var bar = meter.querySelector('[data-meter-bar]');
    var text = meter.querySelector('[data-meter-text]');
    var found = meter.querySelector('[data-meter-found]');
    // the most common passwords, most common first (fetched once, kept
    // offline by the service worker); until it arrives, a few of them
    var ranks = {};
    ['123456', 'password', '12345678', 'qwerty', '111111', 'abc123', 'iloveyou', 'admin',
      'welcome', 'monkey', 'dragon', 'football', 'letmein', 'princess', 'sunshine']
      .forEach(function (w, i) { ranks[w] = i + 1; });
    var wordsUrl = meter.getAttribute('data-meter-words');
    if (wordsUrl && window.fetch) {
      fetch(wordsUrl).then(function (r) { return r.ok ? r.text() : ''; }).then(function (t) {
        var n = 0, got = {};
        t.split('\n').forEach(function (w) {
          w = w.trim().toLowerCase();
          if (w && w.slice(0, 2) !== '#!' && !(w in got)) got[w] = ++n;
        });
        if (n) { ranks = got; show(); }
      }).catch(function () { /* the short list above */ });
    }
    var LEET = { '4': 'a', '@': 'a', '8': 'b', '3': 'e', '6': 'g', '1': 'i', '!': 'i',
      '0': 'o', '$': 's', '5': 's', '7': 't', '+': 't', '2': 'z' };
    var ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'qwertzuiop',
      'azertyuiop', 'qsdfghjklm', 'wxcvbn', '1qaz2wsx3edc', 'йцукенгшщзхъ', 'фывапролджэ', 'ячсмитьбю'];
    var log2 = function (x) { return Math.log(x) / Math.LN2; };
    var isUpper = function (c) { return c !== c.toLowerCase(); };
    // one character guessed alone
    function charBits(c) {
      if (/\p{Script=Han}/u.test(c)) return 7;   // a word is about two of them
      if (/\p{L}/u.test(c)) return 3 + (isUpper(c) ? 1 : 0);  // a letter of a word
      if (/[0-9]/.test(c)) return log2(10);
      if (/[\s._-]/.test(c)) return 2;           // a usual separator
      return log2(33);                           // any other sign
    }
    // upper-case letters in a word: "Word" and "WORD" are what people do
    function caseBits(w) {
      var up = 0, letters = 0;
      for (var i = 0; i < w.length; i++) if (/\p{L}/u.test(w[i])) { letters++; if (isUpper(w[i])) up++; }
      if (!up || (up === letters) || (up === 1 && isUpper(w[0]))) return up ? 1 : 0;
      var c = 1;
      for (var k = 0; k < up; k++) c = c * (letters - k) / (k + 1);
      return log2(c);
    }
    // the patterns that cover chars[i..j): [bits, kind] or null
    function common(w) {
      // "p4ssw0rd": signs read as the letters they look like, in a word
      // that has letters ("1234" stays a number)
      var low = w.toLowerCase(), plain = '', leet = false, letters = /\p{L}/u.test(low);
      for (var i = 0; i < low.length; i++) {
        var ch = letters ? LEET[low[i]] : null;
        plain += ch || low[i];
        if (ch) leet = true;
      }
      var r = ranks[low], back = false;
      if (!r && leet && ranks[plain]) r = ranks[plain];
      else leet = false;
      var rev = low.split('').reverse().join('');
      if (!r && ranks[rev]) { r = ranks[rev]; back = true; }
      if (!r) return null;
      return [log2(r) + caseBits(w) + (leet ? 1 : 0) + (back ? 1 : 0), 'common'];
    }
    function run(w) {
      if (w.length < 3) return null;
      var d = w.charCodeAt(1) - w.charCodeAt(0);
      if (d !== 1 && d !== -1) return null;
      for (var i = 2; i < w.length; i++) if (w.charCodeAt(i) - w.charCodeAt(i - 1) !== d) return null;
      var start = /^[a1z09]/i.test(w) ? 2 : /[0-9]/.test(w[0]) ? log2(10) : log2(26);
      return [start + log2(w.length) + (d < 0 ? 1 : 0), 'run'];
    }
    function keys(w) {
      if (w.length < 4) return null;
      var low = w.toLowerCase(), rev = low.split('').reverse().join('');
      for (var i = 0; i < ROWS.length; i++)
        if (ROWS[i].indexOf(low) >= 0 || ROWS[i].indexOf(rev) >= 0)
          return [log2(ROWS.length * 10) + log2(w.length) + caseBits(w), 'keys'];
      return null;
    }
    function repeat(w, est) {
      for (var len = 1; len <= w.length / 2; len++) {
        if (w.length % len) continue;
        var unit = w.slice(0, len);
        if (unit.repeat(w.length / len) === w)
          return [est(unit) + log2(w.length / len), 'repeat'];
      }
      return null;
    }
    function date(w) {
      if (/^(19|20)\d\d$/.test(w)) return [log2(130), 'date'];
      var m = w.match(/^(\d{1,2})[./-]?(\d{1,2})[./-]?((19|20)?\d\d)$/);
      if (m && w.length >= 4 && +m[1] <= 31 && +m[2] <= 31 && (+m[1] <= 12 || +m[2] <= 12))
        return [log2(31 * 12 * 130), 'date'];
      m = w.match(/^((19|20)\d\d)[./-]?(\d{1,2})[./-]?(\d{1,2})$/);
      if (m && +m[3] <= 12 && +m[4] <= 31) return [log2(31 * 12 * 130), 'date'];
      return null;
    }
    // the cheapest way to guess s: {bits, kinds}
    function estimate(s) {
      var chars = Array.from(s), n = chars.length;
      if (!n) return { bits: 0, kinds: [] };
      if (n > 64) chars = chars.slice(0, 64), n = 64;
      var best = [{ bits: 0, kinds: [] }];
      for (var j = 1; j <= n; j++) {
        var prev = best[j - 1];
        var b = { bits: prev.bits + charBits(chars[j - 1]), kinds: prev.kinds };
        for (var i = Math.max(0, j - 32); i <= j - 2; i++) {
          var w = chars.slice(i, j).join('');
          var tries = [common(w), run(w), keys(w), date(w),
            j - i >= 3 ? repeat(w, function (u) { return estimate(u).bits; }) : null];
          for (var t = 0; t < tries.length; t++) {
            var m = tries[t];
            if (m && best[i].bits + m[0] < b.bits)
              b = { bits: best[i].bits + m[0], kinds: best[i].kinds.concat([m[1]]) };
          }
        }
        best.push(b);
      }
      return best[n];
    }
    function show() {
      var e = estimate(input.value.trim()), b = e.bits;
      // zxcvbn's lines: under 2^28 guesses an attacker with a copy of the
      // site's scrambled passwords finds it within days; past 2^36 it
      // takes years
      var level = b >= 36 ? 'strong' : b >= 28 ? 'fair' : 'weak';
      meter.setAttribute('data-bits', input.value ? String(Math.round(b)) : '');
      meter.querySelectorAll('[data-meter-why]').forEach(function (p) {
        p.hidden = !input.value || e.kinds.indexOf(p.getAttribute('data-meter-why')) < 0;
      });
      if (found) found.hidden = !input.value || !e.kinds.length;
      if (!input.value) { bar.style.width = '0'; text.textContent = ''; return; }
      bar.className = 'meter-bar ' + level;
      bar.style.width = Math.max(5, Math.min(100, Math.round(b / 48 * 100))) + '%';
      text.textContent = meter.querySelector('[data-meter-' + level + ']').textContent;
    }
    meter.hidden = false;
    input.addEventListener('input', show);
  }
})();
