"""A registration link's token never reaches a log: a real `ctip serve` (gunicorn) serves a
registration, a tampered link (404) and a form without its cookie (403), and neither its
access log nor Django's request log holds the token; they name the route instead."""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

from .test_load_through_the_real_server import CTIP, MAKE_EVENT, _free_port, _run


def _fetch(opener, url, data=None):
    try:
        with opener.open(url, data=data, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_the_token_is_in_no_log_line_of_the_real_server(tmp_path):
    env = dict(os.environ, CTIP_VAR_DIR=str(tmp_path), CTIP_LOG_LEVEL="INFO")
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'ctip.sqlite3'}"
    _run(env, *CTIP, "init")
    _event_id, token = _run(env, sys.executable, "-c", MAKE_EVENT).split()
    port = _free_port()
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(  # noqa: S603
        [*CTIP, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        phone = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        url = f"{base}/r/{token}/?lang=en"
        status, page = _fetch(phone, url)
        assert status == 200
        fields = dict(
            re.findall(r'name="(csrfmiddlewaretoken|submission_token)" value="([^"]+)"', page)
        )
        form = {
            **fields,
            "full_name": "Malee Jaidee",
            "sex": "female",
            "country": "TH",
            "consent": "yes",
        }
        data = urllib.parse.urlencode(form).encode()
        assert _fetch(phone, url, data)[0] == 200  # redirected to the thank-you page
        cookieless = urllib.request.build_opener()
        assert _fetch(cookieless, url, data)[0] == 403  # no CSRF cookie
        tampered = token[:-3] + "xyz"
        assert _fetch(phone, f"{base}/r/{tampered}/")[0] == 404
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    written = (tmp_path / "server.log").read_text()
    assert '"GET register"' in written and '"POST register"' in written, written
    assert "register-thanks" in written
    signature = token.split(":")[-1]
    assert token not in written and signature not in written and "xyz" not in written, written
    assert "/r/" not in written, written
