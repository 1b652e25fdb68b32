"""Starts the local OpenID Provider (provider.mjs, on the npm package `oidc-provider`).

The test suite starts it on a free port on 127.0.0.1 with the test cast as its users; `make
run SSO=local` starts it on a fixed port with the demo roster (manage.py run_local_oidc).
Node.js and `npm ci` (node_modules/oidc-provider) are needed, as for the front end.
"""

import json
import selectors
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SCRIPT = Path(__file__).with_name("provider.mjs")
BASE_DIR = SCRIPT.parents[3]
STARTUP_SECONDS = 60


class ProviderFailed(RuntimeError):
    pass


@dataclass
class LocalProvider:
    issuer: str
    process: subprocess.Popen
    clients: list = field(default_factory=list)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def node():
    found = shutil.which("node")
    if not found:
        raise ProviderFailed("Node.js is not installed (`node` is not on PATH).")
    if not (BASE_DIR / "node_modules" / "oidc-provider").is_dir():
        raise ProviderFailed("node_modules/oidc-provider is missing: run `make setup`.")
    return found


def start(*, clients, users, port=0, id_token_ttl=600, misbehave="", stderr=None):
    """Start a provider and return once it listens; `stop()` ends it.

    clients: [{"client_id", "client_secret", "redirect_uris"}]; users: [{"sub", "email",
    "password", "name", "email_verified"}]; misbehave: see provider.mjs."""
    config = {
        "port": port,
        "clients": clients,
        "users": users,
        "id_token_ttl": id_token_ttl,
        "misbehave": misbehave,
    }
    with tempfile.NamedTemporaryFile(
        "w", suffix=".json", prefix="deepbench-oidc-", delete=False
    ) as handle:
        json.dump(config, handle)
    config_file = Path(handle.name)
    process = subprocess.Popen(
        [node(), str(SCRIPT), str(config_file)],
        cwd=BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=stderr if stderr is not None else subprocess.DEVNULL,
        text=True,
    )
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        ready = selector.select(timeout=STARTUP_SECONDS)
    line = process.stdout.readline() if ready else ""
    if not line:
        process.kill()
        process.wait()
        config_file.unlink(missing_ok=True)
        raise ProviderFailed(f"The local OpenID Provider did not start ({SCRIPT}).")
    config_file.unlink(missing_ok=True)  # it holds the users' passwords; node has read it
    issuer = json.loads(line)["issuer"]
    return LocalProvider(issuer=issuer, process=process, clients=clients)
