"""A real SMTP server the app sends to, and reading what arrives."""
from __future__ import annotations

import email
import email.message
import email.policy
import threading
import time


class SmtpServer:
    """aiosmtpd on 127.0.0.1:<smtp_port>, the port the app sends to. Collects every message.

    `stop()` and `start()` simulate an outage; `messages` keeps what arrived across restarts."""

    host = "127.0.0.1"

    def __init__(self, port: int):
        self.port = port
        self.messages: list[email.message.Message] = []
        self._lock = threading.Lock()
        self._controller = None

    # aiosmtpd handler hook
    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=email.policy.default)
        with self._lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    @property
    def running(self) -> bool:
        return self._controller is not None

    def start(self) -> "SmtpServer":
        if self._controller is None:
            from aiosmtpd.controller import Controller

            for attempt in range(50):  # the port may linger briefly after a stop
                controller = Controller(self, hostname=self.host, port=self.port, ready_timeout=5)
                try:
                    controller.start()
                    break
                except (OSError, RuntimeError):
                    if attempt == 49:
                        raise
                    time.sleep(0.1)
            self._controller = controller
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def clear(self) -> None:
        with self._lock:
            self.messages.clear()

    def to(self, address: str) -> list[email.message.Message]:
        """Messages whose To header names `address` (other tests' mails may arrive too)."""
        with self._lock:
            return [m for m in self.messages if address.lower() in str(m.get("To", "")).lower()]

    def wait_for(self, address: str, count: int = 1, timeout: float = 5.0) -> list[email.message.Message]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.to(address)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"{count} mail(s) to {address} expected, {len(self.to(address))} arrived")


def mail_text(message: email.message.Message) -> str:
    """The plain-text body of a received mail."""
    part = message.get_body(preferencelist=("plain", "html")) if hasattr(message, "get_body") else message
    return part.get_content() if hasattr(part, "get_content") else part.get_payload(decode=True).decode()
