"""A push service on 127.0.0.1 that checks what a real one checks, and reads what a browser reads.

Like Mozilla's or Google's push service it verifies the VAPID ``Authorization: vapid t=…, k=…``
header: an ES256 JWT signed by the key in ``k``, whose ``aud`` is this service's origin and
whose ``exp`` is within 24 hours. Like the browser it then decrypts the aes128gcm body
with the subscription's private key and auth secret (made here as a browser makes them: an
EC P-256 key pair and 16 random bytes) and records the JSON payload.

Each endpoint can be told to answer 201, 404, 410, 500, or to hang (the client times out).

Also runnable on its own for the benchmark, accepting everything and counting:
``python -m core.reminders.tests.fake_push --port 8765`` (GET /count answers the number).
"""

import argparse
import base64
import json
import os
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

HANG = "hang"


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Endpoint:
    private_key: ec.EllipticCurvePrivateKey
    auth: bytes
    behaviour: object = 201


@dataclass
class Received:
    endpoint: str
    status: int | None          # what we answered (None: we hung)
    payload: dict | None
    headers: dict = field(default_factory=dict)
    claims: dict = field(default_factory=dict)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128  # sixteen sending threads connect at once


class FakePushService:
    def __init__(self, verify=True, port=0):
        self.verify = verify
        self.endpoints = {}
        self.received = []
        self.errors = []
        self.count = 0
        self.expected_vapid_key = None   # base64url public key the "k" must match, if set
        self.release = threading.Event()
        self.lock = threading.Lock()
        self.server = _Server(("127.0.0.1", port), _handler_for(self))
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self.release.set()  # let hanging requests go
        self.server.shutdown()
        self.server.server_close()

    # -- subscriptions, as a browser would make them ------------------------------------------

    def new_subscription(self, behaviour=201):
        """The JSON of ``PushSubscription.toJSON()`` for a new endpoint on this service."""
        private_key = ec.generate_private_key(ec.SECP256R1())
        auth = os.urandom(16)
        path = f"/push/{b64url(os.urandom(12))}"
        with self.lock:
            self.endpoints[path] = Endpoint(private_key, auth, behaviour)
        public = private_key.public_key().public_bytes(serialization.Encoding.X962,
                                                       serialization.PublicFormat.UncompressedPoint)
        return {"endpoint": self.origin + path, "expirationTime": None,
                "keys": {"p256dh": b64url(public), "auth": b64url(auth)}}

    def behave(self, endpoint, behaviour):
        with self.lock:
            self.endpoints[endpoint.removeprefix(self.origin)].behaviour = behaviour

    # -- what arrived -------------------------------------------------------------------------

    def delivered(self, endpoint=None):
        """Decrypted payloads answered with 201 (to ``endpoint`` if given)."""
        with self.lock:
            return [r.payload for r in self.received
                    if r.status == 201 and (endpoint is None or r.endpoint == endpoint)]

    def attempts(self, endpoint):
        with self.lock:
            return [r for r in self.received if r.endpoint == endpoint]

    # -- the checks a push service makes ----------------------------------------------------

    def check_vapid(self, authorization):
        """The JWT claims if the header is a valid VAPID signature for this origin; raises otherwise."""
        scheme, _space, params = (authorization or "").partition(" ")
        if scheme.lower() != "vapid":
            raise ValueError(f"not a vapid authorization: {authorization!r}")
        parts = dict(p.strip().split("=", 1) for p in params.split(","))
        token, key = parts["t"], parts["k"]
        if self.expected_vapid_key and key != self.expected_vapid_key:
            raise ValueError("signed with another VAPID key")
        header_b64, claims_b64, signature_b64 = token.split(".")
        header = json.loads(b64url_decode(header_b64))
        if header.get("alg") != "ES256":
            raise ValueError(f"JWT algorithm {header.get('alg')}")
        signature = b64url_decode(signature_b64)
        if len(signature) != 64:
            raise ValueError("ES256 signatures are 64 bytes")
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64url_decode(key))
        der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
        try:
            public.verify(der, f"{header_b64}.{claims_b64}".encode(), ec.ECDSA(hashes.SHA256()))
        except InvalidSignature:
            raise ValueError("bad VAPID signature") from None
        claims = json.loads(b64url_decode(claims_b64))
        if claims.get("aud") != self.origin:
            raise ValueError(f"aud {claims.get('aud')!r} is not {self.origin!r}")
        if not time.time() < claims.get("exp", 0) <= time.time() + 24 * 3600:
            raise ValueError("exp must be within the next 24 hours")
        if not str(claims.get("sub", "")).startswith(("mailto:", "https:")):
            raise ValueError("sub must be a mailto: or https: contact")
        return claims


def _handler_for(service):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _answer(self, status, body=b""):
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            if status == 201:
                self.send_header("Location", self.path + "/message")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            if self.path == "/count":
                with service.lock:
                    self._answer(200, str(service.count).encode())
            else:
                self._answer(404)

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            endpoint = service.origin + self.path
            if not service.verify:  # benchmark: a fast service that accepts everything
                with service.lock:
                    service.count += 1
                return self._answer(201)
            with service.lock:
                known = service.endpoints.get(self.path)
            if known is None:
                return self._answer(404)
            headers = {k.lower(): v for k, v in self.headers.items()}
            try:
                claims = service.check_vapid(headers.get("authorization"))
                if headers.get("content-encoding") != "aes128gcm" or "ttl" not in headers:
                    raise ValueError("Web Push needs Content-Encoding: aes128gcm and a TTL")
                payload = json.loads(http_ece.decrypt(body, private_key=known.private_key,
                                                      auth_secret=known.auth, version="aes128gcm"))
            except Exception as error:  # noqa: BLE001 - every failure is a test failure, recorded
                with service.lock:
                    service.errors.append(f"{endpoint}: {error!r}")
                return self._answer(400, str(error).encode())
            behaviour = known.behaviour
            status = None if behaviour == HANG else int(behaviour)
            with service.lock:
                service.received.append(Received(endpoint, status, payload, headers, claims))
            if behaviour == HANG:
                service.release.wait(30)
                self.close_connection = True
                return None
            return self._answer(status)

    return Handler


# -- pytest fixtures (import them into a test module to use them) -------------------------------

try:
    import pytest
except ImportError:  # the benchmark's stand-alone server does not need them
    pytest = None

if pytest:
    @pytest.fixture
    def push_service():
        with FakePushService() as service:
            yield service

    @pytest.fixture
    def vapid_key(settings, tmp_path, monkeypatch):
        """A VAPID key of this test's own, generated on first use into a temporary .vapid/."""
        from core.reminders.delivery import vapid

        for name in ("VAPID_PRIVATE_KEY", "VAPID_PUBLIC_KEY", "VAPID_SUBJECT"):
            monkeypatch.delenv(name, raising=False)
        settings.VAPID_KEY_DIR = tmp_path / ".vapid"
        return vapid.get_vapid()


def subscribe(user, service, behaviour=201, device=""):
    """A PushSubscription of ``user`` on the fake service, as the subscribe view would store it."""
    from core.reminders.models import PushSubscription

    info = service.new_subscription(behaviour)
    return PushSubscription.objects.create(user=user, endpoint=info["endpoint"], p256dh=info["keys"]["p256dh"],
                                           auth=info["keys"]["auth"], device=device)


def due_schedule(patient, minutes_ago=1, **fields):
    """A schedule whose first occurrence fell due ``minutes_ago`` (every 2 hours by default)."""
    from datetime import timedelta

    from django.utils import timezone

    from core.reminders.models import Kind, Schedule

    fields.setdefault("interval_minutes", 120)
    fields.setdefault("kind", Kind.REPOSITIONING)
    starts = (timezone.now() - timedelta(minutes=minutes_ago)).replace(second=0, microsecond=0)
    return Schedule.objects.create(patient=patient, starts_at=starts, **fields)


def main():
    parser = argparse.ArgumentParser(description="A fake push service that accepts everything.")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    service = FakePushService(verify=False, port=args.port)
    print(service.origin, flush=True)
    try:
        service.server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
