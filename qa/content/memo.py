"""Work that depends only on content, done once per content change and kept in the process.

A result is kept under a digest of everything it is computed from (for
Markdown: the text itself), so an edit makes a new key and the old entry is
simply never read again: nothing has to be retired, and the page cache's
retirement on every save (``qa.web.cache``) leaves these valid. The memo is
per process, so it works whatever the cache backend (``dummy://`` too), and
bounded by the characters it holds, least recently used first out.
"""

import hashlib
import threading
from collections import OrderedDict


class ContentMemo:
    """``memo.get(compute, *inputs)``: ``compute(*inputs)`` once per distinct inputs (strings), then kept.

    ``lookup(key)`` and ``keep(key, value)`` (which replaces what ``key`` held) serve callers with keys of their
    own that already change with the content (``qa.web.cache``); ``measure``
    gives an entry's size against the budget.
    """

    def __init__(self, budget, measure=len):
        self.budget = budget  # of measure(result), kept at most
        self.measure = measure
        self.size = 0
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(inputs):
        digest = hashlib.sha256()
        for text in inputs:
            digest.update(text.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        return digest.digest()

    def get(self, compute, *inputs):
        key = self.key(inputs)
        result = self.lookup(key)
        if result is None:
            result = compute(*inputs)
            self.keep(key, result)
        return result

    def lookup(self, key):
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key][0]
        return None

    def keep(self, key, value):
        size = self.measure(value)
        if size > self.budget // 4:  # one huge entry must not push everything else out
            return
        with self._lock:
            if key in self._entries:
                self.size -= self._entries.pop(key)[1]
            self._entries[key] = (value, size)
            self.size += size
            while self.size > self.budget:
                _key, (_value, evicted) = self._entries.popitem(last=False)
                self.size -= evicted

    def clear(self):
        with self._lock:
            self._entries.clear()
            self.size = 0
