"""The Python bullmq side of `make bench-queue`: same scenarios and output as queue-bench (one JSON line each).

    python bullmq_bench.py <redis-url> <jobs> [scenario...]
"""
import asyncio
import json
import sys
import time
import uuid

import redis.asyncio as redis_async
from bullmq import FlowProducer, Queue, Worker

SCENARIOS = ["add-single", "add-bulk", "add-flow", "process-1", "process-10", "process-50", "process-50-keep"]


def report(scenario, jobs, seconds, **extra):
    print(json.dumps({"engine": "python", "scenario": scenario, "jobs": jobs, "seconds": seconds,
                      "jobsPerSecond": jobs / seconds if seconds > 0 else 0, **extra}, sort_keys=True), flush=True)


async def redis_command_usec(connection):
    stats = await connection.info("commandstats")
    return sum(entry.get("usec", 0) for entry in stats.values() if isinstance(entry, dict))


async def add_bulk(queue, total, opts):
    added = 0
    while added < total:
        batch = min(1000, total - added)
        await queue.addBulk([{"name": "noop", "data": {"n": 1}, "opts": opts} for _ in range(batch)])
        added += batch


async def main():
    url, total = sys.argv[1], int(sys.argv[2])
    scenarios = sys.argv[3:] or SCENARIOS
    connection = redis_async.from_url(url, decode_responses=True)
    for scenario in scenarios:
        name = f"bench-python-{scenario}-{uuid.uuid4().hex[:6]}"
        queue = Queue(name, {"connection": url})
        if scenario == "add-single":
            start = time.perf_counter()
            for _ in range(total):
                await queue.add("noop", {"n": 1})
            report(scenario, total, time.perf_counter() - start)
        elif scenario == "add-flow":
            producer = FlowProducer({"connection": url})
            flows = max(1, total // 101)
            children = [{"name": "noop", "queueName": name, "data": {"n": 1}} for _ in range(100)]
            await connection.config_resetstat()
            start = time.perf_counter()
            for _ in range(flows):
                await producer.add({"name": "parent", "queueName": name, "data": {"n": 1}, "children": children})
            seconds = time.perf_counter() - start
            usec = await redis_command_usec(connection)
            report(scenario, flows * 101, seconds, redisUsecPerJob=usec / (flows * 101))
            await producer.close()
        elif scenario == "add-bulk":
            start = time.perf_counter()
            await add_bulk(queue, total, {})
            report(scenario, total, time.perf_counter() - start)
        else:
            concurrency = int(scenario.split("-")[1])
            keep = scenario.endswith("-keep")
            await add_bulk(queue, total, {"removeOnComplete": not keep})
            await connection.config_resetstat()
            state = {"first": None, "last": None, "count": 0}

            def on_completed(job, result):
                now = time.perf_counter()
                if state["first"] is None:
                    state["first"] = now
                state["last"] = now
                state["count"] += 1

            async def processor(job, token):
                return 0

            worker = Worker(name, processor, {"connection": url, "concurrency": concurrency, "drainDelay": 1,
                                              "metrics": {"maxDataPoints": 20160}})
            worker.on("completed", on_completed)
            deadline = time.monotonic() + 900
            while state["count"] < total and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            await worker.close()
            usec = await redis_command_usec(connection)
            seconds = (state["last"] or 0) - (state["first"] or 0)
            report(scenario, state["count"], seconds, redisUsecPerJob=usec / max(state["count"], 1),
                   concurrency=concurrency)
        await queue.obliterate(force=True)
        await queue.close()
    await connection.aclose()


asyncio.run(main())
