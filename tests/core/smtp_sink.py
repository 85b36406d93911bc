"""A tiny SMTP server on 127.0.0.1 for the worker's fault tests: it records each message
it accepts (answers 250 to DATA) by Message-ID, and can stall so that a test can kill the
worker mid-send.

``stall("quit")``: the message is accepted, then the goodbye (QUIT) is left unanswered, so
the sending task hangs after SMTP took the message. The stall lasts until ``release()``.
"""

import re
import socketserver
import threading

STALL_LIMIT = 60  # seconds; a forgotten stall must not hang the test run


class _Session(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        sink = self.server.sink
        self.reply("220 sink ready")
        recipients = []
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self.reply("250 sink")
            elif command.startswith("MAIL FROM"):
                recipients = []
                self.reply("250 ok")
            elif command.startswith("RCPT TO"):
                recipients.append(line.decode().split(":", 1)[1].strip())
                self.reply("250 ok")
            elif command == "DATA":
                self.reply("354 go ahead")
                data = b""
                while (chunk := self.rfile.readline()) and chunk != b".\r\n":
                    data += chunk
                if not chunk:
                    return  # the client vanished mid-message
                sink.record(data.decode(errors="replace"), recipients)
                self.reply("250 accepted")
            elif command == "QUIT":
                if sink.stall_at == "quit":
                    sink.stalled.set()
                    sink.released.wait(STALL_LIMIT)
                self.reply("221 bye")
                return
            else:  # RSET, NOOP
                self.reply("250 ok")


class SMTPSink:
    def __init__(self):
        self.messages = []  # (message_id, recipients, subject) of every accepted message
        self.lock = threading.Lock()
        self.stall_at = None
        self.stalled = threading.Event()
        self.released = threading.Event()
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Session)
        self.server.daemon_threads = True
        self.server.sink = self
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release()
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def stall(self, point: str | None) -> None:
        self.stall_at = point
        self.stalled.clear()
        self.released.clear()

    def release(self) -> None:
        self.stall_at = None
        self.released.set()

    def record(self, data: str, recipients: list[str]) -> None:
        message_id = re.search(r"^Message-ID:\s*(\S+)", data, re.MULTILINE | re.IGNORECASE)
        subject = re.search(r"^Subject:\s*(.*)$", data, re.MULTILINE)
        with self.lock:
            self.messages.append(
                (
                    message_id.group(1) if message_id else None,
                    recipients,
                    subject.group(1).strip() if subject else "",
                )
            )

    def message_ids(self) -> list[str]:
        with self.lock:
            return [message_id for message_id, _, _ in self.messages]
