"""`unpress watch`: rebuild on every change and serve the HTML preview with automatic reload."""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Callable, Sequence
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import watchfiles

from .pipeline import build
from .output import OutputFolder
from .problems import ContentError, EnvironmentFault
from .settings import Settings
from .theme import Theme

BUILD_PATH = "/__unpress_build"
LOCAL_HOSTS = ("localhost", "127.0.0.1")
# Added to pages as they are served, never to the files built: it asks for the build number
# each second and reloads the page when a new build has landed.
_RELOAD = (b"<script>(function(){var seen=%s;setInterval(function(){fetch('" + BUILD_PATH.encode() +
           b"').then(function(r){return r.text()}).then(function(n){if(+n!==seen)location.reload()})},1000)})()"
           b"</script></body>")


class Preview:
    """The build number and the folder served; one per `unpress watch`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.number = 0

    def handler(self):
        preview = self

        class Handler(SimpleHTTPRequestHandler):
            def do_GET(self):
                if self._refused():
                    return None
                if self.path == BUILD_PATH:
                    return self._send(str(preview.number).encode(), "text/plain")
                target = Path(self.translate_path(self.path))
                if target.suffix == ".html" and target.is_file():
                    page = target.read_bytes().replace(b"</body>", _RELOAD % str(preview.number).encode(), 1)
                    return self._send(page, "text/html; charset=utf-8")
                return super().do_GET()

            def do_HEAD(self):
                if not self._refused():
                    super().do_HEAD()

            def _refused(self) -> bool:
                """Answer only requests for this machine, by name: a page elsewhere that has its
                host name resolve to 127.0.0.1 (DNS rebinding) sends its own name as Host."""
                name, _, port = (self.headers.get("Host") or "").partition(":")
                if name.lower() not in LOCAL_HOSTS or port not in ("", str(self.server.server_address[1])):
                    self.send_error(403, "unpress watch answers only requests to localhost or 127.0.0.1")
                    return True
                if "\0" in unquote(urlsplit(self.path).path):  # no file name has one; open() would raise
                    self.send_error(400, "a path with a NUL character names no file")
                    return True
                return False

            def _send(self, data: bytes, kind: str):
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):  # a request log would drown the build messages
                pass

        return functools.partial(Handler, directory=str(self.folder))


class _Server(ThreadingHTTPServer):
    say: Callable[[str], None]

    def handle_error(self, request, client_address) -> None:
        """One line for a request that failed, not a traceback between the build messages."""
        self.say(f"unpress watch: a request failed: {sys.exc_info()[1]!r}; the preview goes on")


def watch(paths: Sequence[Path], formats: Sequence[str], settings: Settings, port: int,
          say: Callable[[str], None], stop: threading.Event | None = None) -> None:
    """Build, serve on localhost, then rebuild whenever content, templates or styles change."""
    if not 0 <= port <= 65535:  # an environment fault, like a port in use (socket.bind would overflow)
        raise EnvironmentFault(f"127.0.0.1:{port}: cannot serve the preview there: there is no such port, "
                               "ports go from 0 to 65535; choose another with --port (0 takes any free one)")
    preview = Preview(settings.output)
    theme = Theme.with_user_folders(settings.templates, settings.styles)

    def rebuild() -> None:
        try:
            artifacts = build(paths, formats, None, settings, report=lambda p: say(str(p)), jobs=1)
        except ContentError as error:  # keep serving the last good build
            for problem in error.problems:
                say(str(problem))
            return
        except EnvironmentFault as fault:  # a full disk, say: keep serving, the next change tries again
            say(str(fault))
            return
        preview.number += 1
        say(f"build {preview.number}: {sum(a.rebuilt for a in artifacts)} artifact(s) rebuilt")

    with OutputFolder(settings.output):  # made, or one line saying why it cannot be
        pass
    try:
        server = _Server(("127.0.0.1", port), preview.handler())
    except OSError as error:
        raise EnvironmentFault(f"127.0.0.1:{port}: cannot serve the preview there: {error.strerror}; "
                               "choose another port with --port (0 takes any free one)") from None
    server.say = say
    threading.Thread(target=server.serve_forever, daemon=True).start()
    watched = [p for p in (*paths, *theme.template_dirs, *theme.style_dirs) if p.exists()]
    try:
        rebuild()
        say(f"serving {settings.output} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)")
        for _ in watchfiles.watch(*watched, stop_event=stop, debounce=200):
            rebuild()
    finally:
        server.shutdown()
        server.server_close()
