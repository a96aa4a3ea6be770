// The guidelines' checklist view: the boxes a reader ticks are kept in
// this browser only (localStorage), under the set's name, and put back
// when the page opens again.  Nothing is sent anywhere until the reader
// asks for the PDF.
(function () {
  'use strict';
  var form = document.querySelector('form.checklist');
  if (!form) return;
  var key = 'cophub-checklist-' + form.getAttribute('data-set');
  var saved = {};
  try { saved = JSON.parse(window.localStorage.getItem(key) || '{}') || {}; } catch (e) { saved = {}; }
  var boxes = form.querySelectorAll('input[type="checkbox"]');
  var count = document.getElementById('checklist-count');
  function update() {
    var done = 0;
    for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) done++;
    if (count) count.textContent = done + ' / ' + boxes.length;
  }
  for (var i = 0; i < boxes.length; i++) {
    if (saved[boxes[i].name]) boxes[i].checked = true;
    boxes[i].addEventListener('change', function (ev) {
      if (ev.target.checked) saved[ev.target.name] = 1; else delete saved[ev.target.name];
      try { window.localStorage.setItem(key, JSON.stringify(saved)); } catch (e) { /* private mode: not kept */ }
      update();
    });
  }
  update();
}());
