// The translation editor's keys and the memory's "Use this" buttons.
// Everything also works without this script: the buttons of the form
// and the links (with access keys) do the same.
(function () {
  'use strict';
  var form = document.getElementById('editor');
  var text = document.getElementById('text');
  document.addEventListener('keydown', function (e) {
    if (!e.ctrlKey || e.altKey || e.metaKey) return;
    var target = null;
    if (e.key === 'Enter' && form) {
      target = document.getElementById(e.shiftKey ? 'approve' : 'save');
    } else if (e.key === 'ArrowDown' && !e.shiftKey) {
      target = document.getElementById('next-unit');
    } else if (e.key === 'ArrowUp' && !e.shiftKey) {
      target = document.getElementById('prev-unit');
    }
    if (target) {
      e.preventDefault();
      target.click();
    }
  });
  var uses = document.querySelectorAll('.use-tm');
  for (var i = 0; i < uses.length; i++) {
    uses[i].hidden = !text;
    uses[i].addEventListener('click', function (e) {
      text.value = e.currentTarget.getAttribute('data-text');
      text.focus();
    });
  }
})();
