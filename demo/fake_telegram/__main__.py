"""Run the fake Bot API on its own:
`python -m demo.fake_telegram --port 8081 [--limits] [--latency 0.08]`.

Any chat id is accepted as a private chat (for benchmarks). GET /_stats gives counters and, per
message, the chat it went to and when it arrived (Unix seconds, comparable across processes).
POST /_send {"chat_id", "text"} has that person write to the bot (a benchmark's probe); GET
/_arrivals?chat=ID gives the arrival times of the bot's messages to one chat.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections import Counter

from aiohttp import web

from demo.fake_telegram.server import FakeTelegram
from demo.fake_telegram.users import FakeUser


class OpenFakeTelegram(FakeTelegram):
    """Treats every chat id as a private chat that has started the bot; keeps no messages."""

    def __init__(self, latency: float = 0.0) -> None:
        super().__init__(latency=latency)
        self.arrivals: list[tuple[int, float]] = []  # (chat id, Unix time) per accepted send

    def check_flood(self, chat_id: int) -> None:
        super().check_flood(chat_id)
        self.arrivals.append((chat_id, time.time()))
        self.chats[chat_id].messages.clear()  # a benchmark sends many; keep memory flat


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--limits", action="store_true")
    parser.add_argument("--global-rate", type=int, default=30, help="messages/s over all chats")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added per answer")
    args = parser.parse_args()
    server = OpenFakeTelegram(latency=args.latency)
    server.limits, server.open_chats = args.limits, True
    server.global_rate = args.global_rate
    url = await server.start(port=args.port)
    assert server._runner is not None

    async def stats(_: web.Request) -> web.Response:
        return web.json_response(
            {
                "sent": len(server.send_times),
                "rate_limited": server.rate_limited,
                "reasons": server.flood_reasons,
                "send_times": server.send_times,
                "arrivals": server.arrivals,
                "methods": Counter(call.method for call in server.calls),
            }
        )

    async def send(request: web.Request) -> web.Response:
        body = await request.json()
        await FakeUser(server, int(body["chat_id"]), "Probe").send(str(body["text"]))
        return web.json_response({"sent_at": time.time()})

    async def arrivals(request: web.Request) -> web.Response:
        chat = int(request.query["chat"])
        return web.json_response([at for chat_id, at in server.arrivals if chat_id == chat])

    site_app = web.Application()
    site_app.router.add_get("/_stats", stats)
    site_app.router.add_post("/_send", send)
    site_app.router.add_get("/_arrivals", arrivals)
    runner = web.AppRunner(site_app, access_log=None)
    await runner.setup()
    stats_site = web.TCPSite(runner, "127.0.0.1", 0)
    await stats_site.start()
    stats_port = stats_site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    print(
        json.dumps(
            {"url": url, "token": server.token, "stats": f"http://127.0.0.1:{stats_port}/_stats"}
        ),
        flush=True,
    )
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
