"""Discord-style JSON responses and errors."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web


def json_response(data: Any, status: int = 200) -> web.Response:
    """JSON with Content-Type exactly ``application/json`` (discord.py checks equality)."""
    return web.Response(status=status, body=json.dumps(data).encode(),
                        headers={"Content-Type": "application/json"})


def no_content() -> web.Response:
    return web.Response(status=204)


def error(status: int, message: str, code: int, **extra: Any) -> web.Response:
    return json_response({"message": message, "code": code, **extra}, status=status)


MISSING_PERMISSIONS = (403, "Missing Permissions", 50013)


class HTTPError(Exception):
    """Raised inside handlers to answer with a Discord-style error."""

    def __init__(self, status: int, message: str, code: int, **extra: Any) -> None:
        super().__init__(message)
        self.response = error(status, message, code, **extra)

    @classmethod
    def unknown(cls, what: str, code: int) -> HTTPError:
        return cls(404, f"Unknown {what}", code)

    @classmethod
    def body(cls, errors: dict[str, Any]) -> HTTPError:
        err = cls(400, errors["message"], errors["code"])
        err.response = json_response(errors, status=400)
        return err
