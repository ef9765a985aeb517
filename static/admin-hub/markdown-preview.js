/*
 * Markdown preview in the admin (qa/editorial/markdown_preview.py): a "Preview" button under
 * each textarea marked data-markdown-preview. Pressing it posts the text, with the form's CSRF
 * token, to the admin's preview address; the server renders it as readers' pages do and the
 * HTML is shown in the panel below, with the field's language. Errors come from the server in
 * the editor's language; the words of the button and panel are the textarea's data-* attributes.
 */
(function () {
    "use strict";

    function csrfToken(textarea) {
        var form = textarea.form;
        var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
        return input ? input.value : "";
    }

    function showMessage(output, text) {
        var message = document.createElement("p");
        message.className = "errornote";
        message.textContent = text;
        output.replaceChildren(message);
    }

    function attach(textarea) {
        var data = textarea.dataset;
        var panel = document.createElement("div");
        panel.className = "markdown-preview";
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button markdown-preview-button";
        button.textContent = data.previewButton;
        button.setAttribute("aria-controls", textarea.id + "-preview");
        var output = document.createElement("section");
        output.id = textarea.id + "-preview";
        output.className = "markdown-preview-output body";
        output.hidden = true;
        output.setAttribute("aria-live", "polite");
        output.setAttribute("aria-label", data.previewTitle);
        if (data.previewLang) {
            output.lang = data.previewLang;
        }
        panel.append(button, output);
        textarea.after(panel);

        button.addEventListener("click", function () {
            var body = new FormData();
            body.append("text", textarea.value);
            button.disabled = true;
            fetch(data.markdownPreview, {
                method: "POST",
                body: body,
                credentials: "same-origin",
                headers: {"X-CSRFToken": csrfToken(textarea), "Accept": "application/json"},
            })
                .then(function (response) {
                    var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
                    return json ? response.json() : {};
                })
                .then(function (result) {
                    if (typeof result.html === "string") {
                        output.innerHTML = result.html;
                    } else {
                        showMessage(output, result.error || data.previewFailed);
                    }
                })
                .catch(function () {
                    showMessage(output, data.previewFailed);
                })
                .finally(function () {
                    output.hidden = false;
                    button.disabled = false;
                });
        });
    }

    function init() {
        document.querySelectorAll("textarea[data-markdown-preview]").forEach(attach);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
