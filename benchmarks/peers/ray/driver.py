"""Runs one Serve app on a fresh local Ray cluster, and on SIGTERM or SIGINT shuts it all down.

Usage (serve.sh sets the environment and execs it): python driver.py <hello|tagging> <port> <ray temp dir>

Two processes:
- the supervisor (serve.sh's own process, after exec) makes itself a child subreaper, so that every Ray
  process stays in its process tree even when the process that started it dies; it passes SIGTERM and
  SIGINT on, and once the app process has exited it kills whatever Ray process is left and removes the
  temp dir;
- the app process starts Ray (`ray.init`) and Serve, deploys the app, waits for the signal, then runs
  `serve.shutdown()` and `ray.shutdown()`.
"""

import ctypes
import importlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import warnings

ROUTES = {"hello": "/hello", "tagging": "/tag"}
SERVE_SHUTDOWN_S = 10.0
LEFTOVER_GRACE_S = 5.0
ROLE = "RAY_PEER_ROLE"
PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36


def prctl(option: int, value: int) -> bool:
    try:
        return ctypes.CDLL("libc.so.6", use_errno=True).prctl(option, value, 0, 0, 0) == 0
    except OSError:
        return False


def log(message: str):
    print(f"ray-peer: {message}", flush=True)


# --------------------------------------------------------------------------------------------------------
# Supervisor
# --------------------------------------------------------------------------------------------------------

def descendants(root: int) -> list:
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    stat = f.read()
                ppid = int(stat[stat.rindex(")") + 2:].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, stack = [], list(children.get(root, []))
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def holding(temp_dir: str) -> list:
    """Processes with a file open under the temp dir (every Ray process logs there): the safety net for
    any that left the tree."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != os.getpid():
            try:
                if any(os.readlink(f"/proc/{entry}/fd/{fd}").startswith(temp_dir + "/")
                       for fd in os.listdir(f"/proc/{entry}/fd")):
                    found.append(int(entry))
            except OSError:
                continue
    return found


def reap():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def supervise(argv: list) -> int:
    temp_dir = argv[3]
    subreaper = prctl(PR_SET_CHILD_SUBREAPER, 1)
    app = subprocess.Popen([sys.executable, os.path.abspath(__file__)] + argv[1:],
                           env={**os.environ, ROLE: "app"})

    def forward(sig, _frame):
        try:
            app.send_signal(sig)
        except ProcessLookupError:
            pass

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    status = app.wait()

    left = [p for p in set(descendants(os.getpid()) + holding(temp_dir)) if alive(p)]
    if left:
        for pid in left:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + LEFTOVER_GRACE_S
        while time.monotonic() < deadline and any(alive(p) for p in left):
            reap()
            time.sleep(0.1)
        stubborn = [p for p in left if alive(p)]
        for pid in stubborn:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        log(f"stopped {len(left)} Ray processes left behind ({len(stubborn)} with SIGKILL)"
            + ("" if subreaper else "; no subreaper, some may have left the tree"))
    time.sleep(0.2)
    reap()
    shutil.rmtree(temp_dir, ignore_errors=True)
    return status if status >= 0 else 128 - status


# --------------------------------------------------------------------------------------------------------
# App process
# --------------------------------------------------------------------------------------------------------

def run_app(argv: list) -> int:
    app_name, port, temp_dir = argv[1], int(argv[2]), argv[3]
    stop = threading.Event()

    def on_signal():
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())

    on_signal()
    prctl(PR_SET_PDEATHSIG, signal.SIGTERM)  # the supervisor killed: shut down all the same

    import ray
    from ray import serve
    from ray.serve.config import HTTPOptions
    from ray.serve.schema import LoggingConfig

    started = time.monotonic()
    quiet = LoggingConfig(enable_access_log=False)
    try:
        ray.init(include_dashboard=False, _temp_dir=temp_dir, logging_level="WARNING")
        # ray.init installs its own SIGTERM handlers (sys.exit(15), and a C++ one that logs; the driver
        # aborted mid-shutdown with it): take the signal back, so that SIGTERM shuts down cleanly.
        on_signal()
        serve.start(http_options=HTTPOptions(host="127.0.0.1", port=port), logging_config=quiet)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # metrics_interval_s (still the push interval)
            app = importlib.import_module(f"{app_name}_app").app
        if not stop.is_set():
            serve.run(app, name=app_name, route_prefix=ROUTES[app_name], logging_config=quiet)
            log(f"{app_name} ready on http://127.0.0.1:{port}{ROUTES[app_name]} after "
                f"{time.monotonic() - started:.1f} s")
        while not stop.wait(1.0):
            pass
    finally:
        log("shutting down")
        stopping = time.monotonic()
        # Serve first (drains and stops the replicas, proxy and controller), then the Ray processes this
        # driver started. With RAY_SERVE_THROUGHPUT_OPTIMIZED=1, Serve 2.58's shutdown can hang for its
        # full 30 s (ingress replicas with direct ingress never report stopped): 10 s at most.
        try:
            from ray.serve.context import _get_global_client

            _get_global_client().shutdown(timeout_s=SERVE_SHUTDOWN_S)
            serve.shutdown()  # the rest of it (cached client, handles): the controller is gone by now
        except Exception as e:  # noqa: BLE001 - never let Serve keep Ray from stopping
            log(f"Serve shutdown: {type(e).__name__}: {e}")
        served = time.monotonic()
        ray.shutdown()
        shutil.rmtree(temp_dir, ignore_errors=True)  # the supervisor does it too, unless it was killed
        log(f"stopped: Serve in {served - stopping:.1f} s, Ray in {time.monotonic() - served:.1f} s")
    return 0


def main() -> int:
    if len(sys.argv) != 4 or sys.argv[1] not in ROUTES:
        print(f"usage: driver.py <{'|'.join(ROUTES)}> <port> <ray temp dir>", file=sys.stderr)
        return 2
    return run_app(sys.argv) if os.environ.get(ROLE) == "app" else supervise(sys.argv)


if __name__ == "__main__":
    sys.exit(main())
