/* Puts the reader's date into the GB/T 7714 access date (the page is cached, so the server
   leaves a placeholder) and adds a copy button to each citation. Without it the citations stay
   selectable text, the placeholder for the reader to fill. */
(function () {
  "use strict";
  var box = document.querySelector(".citations");
  if (!box) return;

  function today() {
    var now = new Date();
    function two(number) { return (number < 10 ? "0" : "") + number; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  var placeholders = (box.dataset.accessPlaceholders || "").split("|").filter(Boolean);
  if (placeholders.length) {
    var date = "[" + today() + "]";
    var walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      var node = walker.currentNode;
      placeholders.forEach(function (placeholder) {
        if (node.nodeValue.indexOf(placeholder) !== -1) {
          node.nodeValue = node.nodeValue.split(placeholder).join(date);
        }
      });
    }
  }

  if (!navigator.clipboard) return;
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
