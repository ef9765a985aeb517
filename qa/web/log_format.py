"""Log formats: a probe with a forged Host header is one line in the log, not a traceback."""

import logging


class OneLineFormatter(logging.Formatter):
    """The message alone: the traceback of an expected refusal (DisallowedHost) tells an operator nothing."""

    def formatException(self, exc_info):
        return ""

    def formatStack(self, stack_info):
        return ""

    def format(self, record):
        record.exc_text = ""
        return super().format(record).rstrip("\n")
