"""The throwaway certificate authority that makes the emulator a TLS server.

google-genai always opens ``wss://`` with an SSL context (facts §7.2), so a local server
must speak TLS and the client must trust it. A fresh CA is made with ``trustme`` at every
start (imported here, lazily, so nothing pays for it unless an emulator runs); its PEM file
is what ``SSL_CERT_FILE`` can point at.
"""

from __future__ import annotations

import shutil
import ssl
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Certificates", "make_certificates"]


@dataclass
class Certificates:
    """A CA, a server certificate it signed, and where the CA's PEM file lies."""

    directory: Path
    ca_cert_path: Path
    server_context: ssl.SSLContext

    def client_context(self) -> ssl.SSLContext:
        """A client SSL context that trusts this CA only."""
        return ssl.create_default_context(cafile=str(self.ca_cert_path))

    def remove(self) -> None:
        """Delete the PEM files (the contexts keep working)."""
        shutil.rmtree(self.directory, ignore_errors=True)


def make_certificates(hosts: Iterable[str]) -> Certificates:
    """A new CA and a server certificate valid for ``hosts`` (IP addresses or names)."""
    import trustme  # lazy: only an emulator that actually starts needs it

    ca = trustme.CA(organization_name="livemigrate emulator")
    server_cert = ca.issue_cert(*dict.fromkeys(hosts))
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_cert.configure_cert(server_context)
    directory = Path(tempfile.mkdtemp(prefix="livemigrate-emulator-"))
    ca_cert_path = directory / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_cert_path))
    return Certificates(directory, ca_cert_path, server_context)
