// newstrace: small enhancements only; every page works without this script.
// Hovering or focusing a highlighted passage (or an item of the attribution list) lights up
// every piece of the same attribution, in the text and in the list.
(function () {
  "use strict";
  function pieces(index) {
    return document.querySelectorAll('[data-a="' + String(index).replace(/[^0-9]/g, "") + '"]');
  }
  function toggle(event, on) {
    var el = event.target.closest ? event.target.closest("[data-a]") : null;
    if (!el) return;
    pieces(el.getAttribute("data-a")).forEach(function (p) { p.classList.toggle("active", on); });
  }
  document.addEventListener("mouseover", function (e) { toggle(e, true); });
  document.addEventListener("mouseout", function (e) { toggle(e, false); });
  document.addEventListener("focusin", function (e) { toggle(e, true); });
  document.addEventListener("focusout", function (e) { toggle(e, false); });
})();
