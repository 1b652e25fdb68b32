import signal
import sys
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from leadership.sso import demo, devprovider


class Command(BaseCommand):
    help = (
        "Run the local OpenID Provider for the demo (make run SSO=local): the demo roster "
        "signs in with password deepbench-demo. Stops on Ctrl-C."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, help="default: SSO_LOCAL_PROVIDER's port, or 9000")
        parser.add_argument(
            "--site",
            action="append",
            help="Deep Bench's address, to come back to (repeatable; default "
            "http://127.0.0.1:8000 and http://localhost:8000)",
        )

    def handle(self, *args, port=None, site=None, **options):
        port = port or urlsplit(settings.SSO_LOCAL_PROVIDER or "").port or 9000
        sites = site or ["http://127.0.0.1:8000", "http://localhost:8000"]
        try:
            provider = devprovider.start(
                clients=demo.provider_clients(sites),
                users=demo.provider_users(),
                port=port,
                stderr=sys.stderr,
            )
        except devprovider.ProviderFailed as exc:
            raise CommandError(str(exc)) from exc
        # Stopping (bin/run-dev sends SIGTERM) leaves through `finally` below; stopping the
        # provider inside the handler would wait on it while wait() below holds its lock.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        self.stdout.write(f"Local OpenID Provider at {provider.issuer} (Ctrl-C stops it)")
        try:
            provider.process.wait()
        except KeyboardInterrupt:
            pass
        finally:
            provider.stop()
