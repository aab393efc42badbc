"""The Python side of the interop tests: drives the real Python bullmq against a queue the Swift engine shares.

    python bullmq_interop.py <redis-url> <queue> <command> [json-argument]

Commands (each prints one JSON document on stdout):
  add <[{"name","data","opts"}...]>   add jobs one by one; prints the ids
  work <{"count", "timeout", "concurrency"}>
        run a Worker until `count` jobs finished for good (completed, or failed with no retry left), or
        the timeout; jobs whose data has "failTimes": n raise on their first n attempts, "unrecoverable": true
        raises UnrecoverableError; "untilCompleted": n also stops once the queue holds n completed jobs;
        "perScheduler": {"n", "ids"} stops once n iterations of each scheduler in ids completed. Returns {"by": "python", "name", "data", "attempt"}. Prints the ids it completed.
  inspect <[ids]>   state, returnvalue, attemptsMade, failedReason, stacktrace length per id
  counts            getJobCounts()
  pause | resume | is-paused
  workers           get_workers(): the client names of the queue's workers, sorted
  global-limits     {"concurrency": getGlobalConcurrency(), "rateLimit": getGlobalRateLimit()}
  set-global-limits <{"concurrency", "max", "duration"}>   setGlobalConcurrency / setGlobalRateLimit
  upsert-scheduler <{"id", "repeat", "name", "data", "opts"}>   upsertJobScheduler; prints the next iteration's id
  scheduler <id>    getJobScheduler(id) (null when absent)
  add-log <{"id", "line"}>   job.log(line); prints the count
  logs <id>         getJobLogs(id): {"logs", "count"}
  events <{"from", "until", "count", "timeout"}>   QueueEvents from stream id `from` until `count` events named
                    `until` arrived; prints [{"event", "id", ...fields}] in order
  flow <{"name", "queue", "data", "opts", "children": [nodes]}>   FlowProducer.add of the tree (a node's queue
                    defaults to this queue); prints {"id", "queue", "children": [...]} in the same shape
  children-values <id>   job.getChildrenValues(): {child job key: value}
"""
import asyncio
import json
import sys
import time

from bullmq import FlowProducer, Job, Queue, QueueEvents, UnrecoverableError, Worker


async def main() -> None:
    url, name, command = sys.argv[1], sys.argv[2], sys.argv[3]
    argument = json.loads(sys.argv[4]) if len(sys.argv) > 4 else None
    queue = Queue(name, {"connection": url})
    try:
        result = await run(queue, url, name, command, argument)
    finally:
        await queue.close()
    print(json.dumps(result))


async def run(queue, url, name, command, argument):
    if command == "add":
        ids = []
        for job in argument:
            added = await queue.add(job["name"], job.get("data", {}), job.get("opts", {}))
            ids.append(added.id)
        return ids
    if command == "work":
        return await work(queue, url, name, argument or {})
    if command == "inspect":
        report = {}
        for job_id in argument:
            job = await Job.fromId(queue, job_id)
            report[job_id] = None if job is None else {
                "state": await queue.getJobState(job_id),
                "returnvalue": job.returnvalue,
                "attemptsMade": job.attemptsMade,
                "failedReason": job.failedReason,
                "stacktrace": len(job.stacktrace or []),
                "data": job.data,
                "name": job.name,
            }
        return report
    if command == "counts":
        return await queue.getJobCounts()
    if command == "pause":
        await queue.pause()
        return True
    if command == "resume":
        await queue.resume()
        return True
    if command == "is-paused":
        return await queue.isPaused()
    if command == "global-limits":
        return {"concurrency": await queue.getGlobalConcurrency(), "rateLimit": await queue.getGlobalRateLimit()}
    if command == "set-global-limits":
        await queue.setGlobalConcurrency(argument["concurrency"])
        await queue.setGlobalRateLimit(argument["max"], argument["duration"])
        return True
    if command == "flow":
        producer = FlowProducer({"connection": url})
        try:
            tree = await producer.add(flow_node(argument, name))
        finally:
            await producer.close()
        return flow_ids(tree)
    if command == "children-values":
        job = await Job.fromId(queue, argument)
        return await job.getChildrenValues()
    if command == "upsert-scheduler":
        job = await queue.upsertJobScheduler(
            argument["id"], argument["repeat"], argument.get("name"), argument.get("data"), argument.get("opts"))
        return None if job is None else job.id
    if command == "scheduler":
        # bullmq 3.4.4's getJobScheduler raises for an absent id (its script's empty reply does not unpack).
        if not await queue.isJobScheduler(argument):
            return None
        return await queue.getJobScheduler(argument)
    if command == "add-log":
        job = await Job.fromId(queue, argument["id"])
        return await job.log(argument["line"])
    if command == "logs":
        return await queue.getJobLogs(argument)
    if command == "events":
        return await listen(url, name, argument)
    if command == "workers":
        return sorted(worker["rawname"] for worker in await queue.get_workers())
    raise SystemExit(f"unknown command {command}")


def flow_node(spec, queue):
    return {
        "name": spec["name"], "queueName": spec.get("queue", queue), "data": spec.get("data", {}),
        "opts": spec.get("opts", {}), "children": [flow_node(child, queue) for child in spec.get("children", [])],
    }


def flow_ids(tree):
    return {
        "id": tree["job"].id, "queue": tree["job"].queue.name,
        "children": [flow_ids(child) for child in tree.get("children", [])],
    }


EVENT_NAMES = ["added", "waiting", "active", "progress", "completed", "failed", "delayed", "removed", "stalled",
               "retries-exhausted", "deduplicated", "duplicated", "paused", "resumed", "cleaned"]


async def listen(url, name, settings):
    seen = []
    events = QueueEvents(name, {"connection": url, "lastEventId": settings.get("from", "0-0"), "blockingTimeout": 200})

    def recorder(event):
        return lambda args, entry_id: seen.append({"event": event, "id": entry_id, **args})

    for event in EVENT_NAMES:
        events.on(event, recorder(event))
    deadline = time.monotonic() + settings.get("timeout", 30)
    wanted, count = settings.get("until", "completed"), settings.get("count", 1)
    while sum(1 for e in seen if e["event"] == wanted) < count and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    await events.close()
    return seen


async def work(queue, url, name, settings):
    wanted = settings.get("count", 1)
    deadline = time.monotonic() + settings.get("timeout", 30)
    completed, failed = [], []

    async def processor(job, token):
        data = job.data if isinstance(job.data, dict) else {}
        if data.get("unrecoverable"):
            raise UnrecoverableError("python says no")
        if job.attemptsMade < data.get("failTimes", 0):
            raise Exception(f"python failure {job.attemptsMade + 1}")
        if data.get("sleepMs"):
            await asyncio.sleep(data["sleepMs"] / 1000)
        return {"by": "python", "name": job.name, "data": job.data, "attempt": job.attemptsMade + 1}

    worker = Worker(name, processor, {
        "connection": url, "concurrency": settings.get("concurrency", 1), "drainDelay": 1,
        "stalledInterval": 5000, "lockDuration": 5000,
    })
    per_scheduler = settings.get("perScheduler")
    by_scheduler = {}

    def on_completed(job, result):
        completed.append(job.id)
        if job.repeatJobKey:
            by_scheduler[job.repeatJobKey] = by_scheduler.get(job.repeatJobKey, 0) + 1

    worker.on("completed", on_completed)

    def on_failed(job, err):
        attempts = job.opts.get("attempts", 0) or 1
        if isinstance(err, UnrecoverableError) or job.attemptsMade >= attempts:
            failed.append(job.id)

    worker.on("failed", on_failed)
    until_completed = settings.get("untilCompleted")
    while len(completed) + len(failed) < wanted and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
        if until_completed and (await queue.getJobCounts("completed"))["completed"] >= until_completed:
            break
        if per_scheduler and all(by_scheduler.get(i, 0) >= per_scheduler["n"] for i in per_scheduler["ids"]):
            break
    await worker.close()
    outcome = {"completed": completed, "failed": failed}
    if per_scheduler:
        outcome["bySchedulers"] = by_scheduler
    return outcome


asyncio.run(main())
