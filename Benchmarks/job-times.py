#!/usr/bin/env python3
"""Reads swiftc's -parseable-output on stdin and prints each compile job's wall time, as the
messages arrive: the slowest job (one model's file, when batch mode is off), how many jobs went
past a limit, and the median. swiftc 6's driver no longer prints -driver-time-compilation per job.

Several compiles of the same files may be piped in one after the other: each file's time is then
the median of its jobs (this machine's timings are bimodal, a job taking 1.8 s or 3.9 s from one
run to the next)."""
import json, statistics, sys, time

limit = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
stream = sys.stdin.buffer
began, runs = {}, {}
while True:
    line = stream.readline()
    if not line:
        break
    if not line.strip().isdigit():
        continue
    message = json.loads(stream.read(int(line)))
    now = time.monotonic()
    if message.get("name") != "compile":
        continue
    if message["kind"] == "began":
        began[message["pid"]] = (now, ",".join(p.rsplit("/", 1)[-1] for p in message.get("inputs", [])))
    elif message["kind"] in ("finished", "signalled") and message["pid"] in began:
        start, inputs = began.pop(message["pid"])
        runs.setdefault(inputs, []).append(now - start)
if not runs:
    print("slowest model job: no compile jobs were reported")
    sys.exit(0)
times = sorted((statistics.median(seconds), inputs) for inputs, seconds in runs.items())
slowest, name = times[-1]
over = sum(1 for t, _ in times if t > limit)
repeated = max(len(seconds) for seconds in runs.values())
each = f" (each the median of {repeated} runs)" if repeated > 1 else ""
print(f"slowest model job: {slowest:.2f} s ({name}); median {times[len(times) // 2][0]:.2f} s over {len(times)} jobs{each}; {over} above {limit:g} s")
if len(times) <= 5:
    for seconds, inputs in reversed(times):
        print(f"  {inputs}: {seconds:.2f} s (runs: {', '.join(f'{t:.2f}' for t in runs[inputs])})")
