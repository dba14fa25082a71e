"""The Trellis "hello" sample (samples/hello) as a Ray Serve 2.58 application.

POST /hello with {"name": "Ada"} answers
{"message": "Hello, Ada! ADA!!!", "parts": [{"deployment": "Greeter", "text": "Hello, Ada!"},
                                            {"deployment": "Shouter", "text": "ADA!!!"}]}
asking Greeter and Shouter at the same time; a missing or blank name answers 400 {"error", "message"}.

Run: bash benchmarks/peers/ray/serve.sh hello <port>  (or `serve run hello_app:app`).
"""

import asyncio
import json

from ray import serve
from ray.serve.handle import DeploymentHandle
from starlette.requests import Request
from starlette.responses import JSONResponse

NAME_REQUIRED = "'name' is required, for example {\"name\":\"Ada\"}"


@serve.deployment(num_replicas=2, ray_actor_options={"num_cpus": 0.5})  # max_ongoing_requests: 5, as Java's default
class Greeter:
    """Writes a polite greeting. Two replicas share the load."""

    async def greet(self, name: str) -> str:
        return "Hello, " + name + "!"


@serve.deployment(num_replicas=1, ray_actor_options={"num_cpus": 0.25}, max_ongoing_requests=16)
class Shouter:
    """Shouts a name."""

    async def shout(self, name: str) -> str:
        return name.upper() + "!!!"


def bad_request(message: str) -> JSONResponse:
    return JSONResponse({"error": "Bad Request", "message": message}, status_code=400)


@serve.deployment(num_replicas=2, ray_actor_options={"num_cpus": 0.25}, max_ongoing_requests=32)
class HelloIngress:
    """Receives POST /hello, asks Greeter and Shouter at the same time and combines their answers."""

    def __init__(self, greeter: DeploymentHandle, shouter: DeploymentHandle):
        self.greeter = greeter
        self.shouter = shouter

    async def __call__(self, request: Request):
        if request.method != "POST":
            return JSONResponse({"error": "Method Not Allowed", "message": "POST {\"name\":...} to /hello"}, 405)
        try:
            body = json.loads(await request.body())
        except ValueError as e:
            return bad_request(f"The body is not JSON: {e}")
        name = body.get("name") if isinstance(body, dict) else None
        if not isinstance(name, str) or not name.strip():
            return bad_request(NAME_REQUIRED)
        # Both calls are in flight before either is awaited: the fan-out runs in parallel.
        greeting, shout = await asyncio.gather(self.greeter.greet.remote(name), self.shouter.shout.remote(name))
        return JSONResponse({"message": greeting + " " + shout,
                             "parts": [{"deployment": "Greeter", "text": greeting},
                                       {"deployment": "Shouter", "text": shout}]})


app = HelloIngress.bind(Greeter.bind(), Shouter.bind())
