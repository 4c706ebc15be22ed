"""Flask-Mail with a socket timeout: smtplib waits forever by default, so a server that accepts the
connection and then hangs would block a worker (and every mail behind it) for good."""
from __future__ import annotations

import smtplib

from flask import current_app
from flask_mail import Connection, Mail

DEFAULT_TIMEOUT = 10.0  # seconds, per connect/read/write (MAIL_TIMEOUT)


class TimedConnection(Connection):
    def configure_host(self):
        timeout = float(current_app.config.get("MAIL_TIMEOUT") or DEFAULT_TIMEOUT)
        smtp = smtplib.SMTP_SSL if self.mail.use_ssl else smtplib.SMTP
        host = smtp(self.mail.server, self.mail.port, timeout=timeout)
        host.set_debuglevel(int(self.mail.debug))
        if self.mail.use_tls:
            host.starttls()
        if self.mail.username and self.mail.password:
            host.login(self.mail.username, self.mail.password)
        return host


class TimedMail(Mail):
    def connect(self) -> Connection:
        return TimedConnection(current_app.extensions["mail"])
