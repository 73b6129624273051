import logging
import re

_QUERY = re.compile(r"\?[^\s\"']*")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


class ScrubPersonalData(logging.Filter):
    """Drop query strings and e-mail addresses from log lines: searches carry names."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = _EMAIL.sub("[email]", _QUERY.sub("?[…]", message))
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        request = getattr(record, "request", None)
        if request is not None:
            record.request = None  # the default formatter would print POST data
        return True
