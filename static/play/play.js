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

  // Passphrase strength: an estimate of how many guesses it would take.
  var meter = document.querySelector('[data-meter]');
  if (meter) {
    meter.hidden = false;
    var input = meter.querySelector('[data-meter-input]');
    var bar = meter.querySelector('[data-meter-bar]');
    var text = meter.querySelector('[data-meter-text]');
    var common = ['password', 'qwerty', 'letmein', 'iloveyou', 'welcome', 'monkey', 'dragon',
      'football', 'princess', 'sunshine', 'abc123', 'admin', 'secret', '123456', '111111'];
    function bits(s) {
      s = s.trim();
      if (!s) return 0;
      var low = s.toLowerCase();
      if (common.indexOf(low.replace(/[^a-z0-9]/g, '')) >= 0) return 0;
      // a passphrase: several words, each one of many thousands
      var words = low.split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length >= 3; });
      var unique = words.filter(function (w, i) { return words.indexOf(w) === i; });
      var wordBits = unique.length * 11;
      // any string: the size of its alphabet to the power of its length
      var pool = 0;
      if (/[a-z]/.test(s)) pool += 26;
      if (/[A-Z]/.test(s)) pool += 26;
      if (/[0-9]/.test(s)) pool += 10;
      if (/[^a-zA-Z0-9]/.test(s)) pool += 33;
      var distinct = new Set(Array.from(s)).size;
      var charBits = Math.log2(Math.max(pool, 2)) * Math.min(s.length, distinct * 2);
      // repeats and runs such as "aaaa" or "1234" are easy to guess
      if (/(.)\1\1/.test(s) || /(0123|1234|2345|3456|abcd|qwer)/i.test(s)) charBits *= 0.6;
      return Math.max(unique.length >= 3 ? wordBits : 0, Math.min(charBits, wordBits + charBits));
    }
    function show() {
      var b = bits(input.value), level = b >= 60 ? 'strong' : b >= 40 ? 'fair' : 'weak';
      if (!input.value) { bar.style.width = '0'; text.textContent = ''; return; }
      bar.className = 'meter-bar ' + level;
      bar.style.width = Math.min(100, Math.round(b / 80 * 100)) + '%';
      text.textContent = meter.querySelector('[data-meter-' + level + ']').textContent;
    }
    input.addEventListener('input', show);
  }
})();
