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
    """``memo.get(compute, *inputs)``: ``compute(*inputs)`` once per distinct inputs (strings), then kept."""

    def __init__(self, budget):
        self.budget = budget  # characters of results kept at most
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
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        result = compute(*inputs)
        if len(result) > self.budget // 4:  # one huge text must not push everything else out
            return result
        with self._lock:
            if key not in self._entries:
                self._entries[key] = result
                self.size += len(result)
            while self.size > self.budget:
                _key, evicted = self._entries.popitem(last=False)
                self.size -= len(evicted)
        return result

    def clear(self):
        with self._lock:
            self._entries.clear()
            self.size = 0
