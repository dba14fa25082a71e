"""Starts a fresh local Ray cluster and Serve, deploys one app, and on SIGTERM or SIGINT shuts it all down.

Usage (serve.sh sets the environment): python driver.py <hello|tagging> <port> <ray temp dir>
"""

import importlib
import signal
import sys
import threading
import time
import warnings

ROUTES = {"hello": "/hello", "tagging": "/tag"}
SERVE_SHUTDOWN_S = 10.0


def main() -> int:
    app_name, port, temp_dir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if app_name not in ROUTES:
        print(f"unknown app {app_name!r}: one of {', '.join(ROUTES)}", file=sys.stderr)
        return 2
    stop = threading.Event()

    def on_signal():
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())

    on_signal()

    import ray
    from ray import serve
    from ray.serve.config import HTTPOptions
    from ray.serve.schema import LoggingConfig

    started = time.monotonic()
    quiet = LoggingConfig(enable_access_log=False)
    try:
        ray.init(include_dashboard=False, _temp_dir=temp_dir, logging_level="WARNING")
        # Ray's core installs a C++ handler for SIGTERM that logs and aborts: take the signal back, so that
        # SIGTERM shuts down cleanly.
        on_signal()
        serve.start(http_options=HTTPOptions(host="127.0.0.1", port=port), logging_config=quiet)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # metrics_interval_s (still the push interval)
            app = importlib.import_module(f"{app_name}_app").app
        if not stop.is_set():
            serve.run(app, name=app_name, route_prefix=ROUTES[app_name], logging_config=quiet)
            print(f"ray-peer: {app_name} ready on http://127.0.0.1:{port}{ROUTES[app_name]} "
                  f"after {time.monotonic() - started:.1f} s", flush=True)
        while not stop.wait(1.0):
            pass
    finally:
        print("ray-peer: shutting down", flush=True)
        # Serve first (drains and stops the replicas, proxy and controller), then the Ray processes this
        # driver started. With RAY_SERVE_THROUGHPUT_OPTIMIZED=1 Serve 2.58's shutdown can hang for its
        # full 30 s (ingress replicas with direct ingress never report stopped): give it 10 s at most.
        stopping = time.monotonic()
        closing = threading.Thread(target=serve.shutdown, daemon=True)
        closing.start()
        closing.join(SERVE_SHUTDOWN_S)
        served = time.monotonic()
        ray.shutdown()
        print(f"ray-peer: stopped: Serve {'shut down' if not closing.is_alive() else 'shutdown cut short'} in "
              f"{served - stopping:.1f} s, Ray in {time.monotonic() - served:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
