"""The hub's own certificate: made on first start, kept in its folder, pinned by fingerprint.

A laptop hub has no domain name and no CA: `hub serve` makes a self-signed certificate (EC P-256,
ten years, the host's names and addresses as SANs) and prints its SHA-256 fingerprint; `hub join`
pins it, so trust comes from the fingerprint the lecturer reads out, not from a CA.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import os
from pathlib import Path


def ensure(folder: Path, names: list[str]) -> tuple[Path, Path]:
    """(certificate, key) in `folder`, made if missing (the key readable by the owner only)."""
    cert, key = folder / "hub-cert.pem", folder / "hub-key.pem"
    if cert.is_file() and key.is_file():
        return cert, key
    folder.mkdir(parents=True, exist_ok=True)
    pem_cert, pem_key = _make(names)
    _write_private(key, pem_key)
    cert.write_bytes(pem_cert)
    return cert, key


def fingerprint(cert: Path) -> str:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    der = x509.load_pem_x509_certificate(cert.read_bytes()).public_bytes(Encoding.DER)
    return pretty(hashlib.sha256(der).hexdigest())


def pretty(hexdigest: str) -> str:
    return ":".join(hexdigest[i:i + 2] for i in range(0, len(hexdigest), 2)).upper()


def normal(fingerprint_text: str) -> str:
    """A fingerprint as typed (colons, spaces, any case) as lowercase hex."""
    return "".join(c for c in fingerprint_text.lower() if c in "0123456789abcdef")


def _make(names: list[str]) -> tuple[bytes, bytes]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kfield hub")])
    now = dt.datetime.now(dt.timezone.utc)
    sans = [_san(n) for n in dict.fromkeys(names)]
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.SubjectAlternativeName(sans), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    pem_key = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return cert.public_bytes(serialization.Encoding.PEM), pem_key


def _san(name: str):
    from cryptography import x509

    try:
        return x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        return x509.DNSName(name)


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
