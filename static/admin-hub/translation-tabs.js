/*
 * Names django-modeltranslation's language tabs and its page-wide language
 * switch in the admin's language ("英文", "简体中文") instead of the language
 * codes it writes ("en", "zh-hans").
 *
 * The names are this script element's data-* attributes, translated by
 * templates/admin/base_site.html. modeltranslation builds the tabs in a jQuery
 * ready handler, after this deferred script has run, and again when an inline
 * row is added, so new tabs are watched for rather than looked for once.
 */
(function () {
    "use strict";

    var script = document.currentScript;
    if (!script) {
        return;
    }
    var names = script.dataset;

    function nameFor(code) {
        var key = code.trim().toLowerCase().replace(/_/g, "-").replace(/-([a-z])/g, function (_match, letter) {
            return letter.toUpperCase();
        });
        return Object.prototype.hasOwnProperty.call(names, key) ? names[key] : null;
    }

    function rename(element) {
        if (element.dataset.languageCode) {
            return;
        }
        var code = element.textContent;
        var name = nameFor(code);
        if (name) {
            element.dataset.languageCode = code.trim();
            element.textContent = name;
        }
    }

    function renameAll() {
        document.querySelectorAll(".ui-tabs-nav a[href^='#tab_']").forEach(function (tab) {
            rename(tab);
            if (tab.dataset.languageCode) {
                tab.classList.add("hub-language-tab");
                // modeltranslation's tooltip repeats the language in the browser's wording.
                tab.removeAttribute("title");
            }
        });
        document.querySelectorAll("#modeltranslation-main-switch option").forEach(rename);
        showActiveLanguage();
    }

    // modeltranslation opens the tabs at the admin's language but leaves its
    // switch at the first language, so the two disagree until one is used.
    function showActiveLanguage() {
        var select = document.getElementById("modeltranslation-main-switch");
        var tabs = document.querySelector(".ui-tabs-nav");
        var active = tabs && tabs.querySelector("li.ui-tabs-active");
        if (select && active && !select.dataset.shownActive) {
            select.selectedIndex = Array.prototype.indexOf.call(tabs.children, active);
            select.dataset.shownActive = "true";
        }
    }

    function start() {
        renameAll();
        new MutationObserver(renameAll).observe(document.body, { childList: true, subtree: true });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
