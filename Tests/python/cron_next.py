"""The Python side of the cron interop test: next run times exactly as Python bullmq computes them.

    python cron_next.py <cases.json>

The file holds [{"pattern": str, "tz": str or null, "bases": [epoch ms, ...]}, ...]. For every case this
calls bullmq's own `default_repeat_strategy(base, {"pattern", "tz"})` (croniter 2.0.7 underneath, seconds
first in a 6-field pattern) and prints one JSON document on stdout, one entry per case in order:
  {"results": [ms or null, ...]}   null where croniter found no next date (CroniterBadDateError)
  {"refused": "message"}           where croniter refused the pattern (CroniterBadCronError)
"""
import json
import sys

from croniter import CroniterBadCronError, CroniterBadDateError

from bullmq.job_scheduler import default_repeat_strategy


def next_times(case):
    options = {"pattern": case["pattern"], "tz": case["tz"]}
    results = []
    for base in case["bases"]:
        try:
            results.append(default_repeat_strategy(base, options))
        except CroniterBadCronError as error:
            return {"refused": str(error).splitlines()[-1] if str(error) else type(error).__name__}
        except CroniterBadDateError:
            results.append(None)
    return {"results": results}


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as file:
        cases = json.load(file)
    print(json.dumps([next_times(case) for case in cases]))


if __name__ == "__main__":
    main()
