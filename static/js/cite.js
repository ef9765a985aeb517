/* Adds a copy button to each citation. Without it the citations stay selectable text. */
(function () {
  "use strict";
  var box = document.querySelector(".citations");
  if (!box || !navigator.clipboard) return;
  box.querySelectorAll(".citation").forEach(function (figure) {
    var pre = figure.querySelector("pre");
    var button = document.createElement("button");
    var style = document.createElement("span");
    var status = document.createElement("span");
    button.type = "button";
    button.className = "copy";
    button.textContent = box.dataset.copyLabel;
    style.className = "visually-hidden";
    style.textContent = " " + figure.querySelector("figcaption").textContent;
    button.append(style);
    status.className = "copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(pre.textContent).then(function () {
        status.textContent = box.dataset.copiedLabel;
      }, function () {
        window.getSelection().selectAllChildren(pre);
        status.textContent = box.dataset.failedLabel;
      });
    });
    figure.append(button, status);
  });
})();
