#!/usr/bin/env python3
"""Whole-process start-up of commands, interleaved (docs/benchmarks.md, "Start-up of exo").

usage: startup.py RUNS 'COMMAND A' 'COMMAND B' ...

Runs the commands in turn (A B C ... A B C ...), WARMUP rounds first (not counted), then RUNS
rounds; each run is one fork and exec, timed by the wall clock and by wait4's rusage (user +
system CPU of the process and every child it waited for). Prints, per command, the median and
best wall and CPU times and their ratios to the first command's, and the load average before and
after. Output goes to /dev/null; a run that exits non-zero stops the benchmark."""
import os
import shlex
import statistics
import sys
import time

WARMUP = 2


def run(argv):
    devnull = os.open(os.devnull, os.O_WRONLY)
    t0 = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=[
        (os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    os.close(devnull)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("startup.py: %s exited with %d" % (shlex.join(argv), os.waitstatus_to_exitcode(status)))
    return wall, ru.ru_utime + ru.ru_stime


def main(args):
    if len(args) < 2:
        sys.exit(__doc__)
    runs = int(args[0])
    commands = [shlex.split(c) for c in args[1:]]
    load_before = os.getloadavg()
    walls = [[] for _ in commands]
    cpus = [[] for _ in commands]
    for r in range(WARMUP + runs):
        for i, c in enumerate(commands):
            wall, cpu = run(c)
            if r >= WARMUP:
                walls[i].append(wall)
                cpus[i].append(cpu)
    load_after = os.getloadavg()
    w0 = statistics.median(walls[0])
    c0 = statistics.median(cpus[0])
    print("| command | median wall | ratio | best | median CPU | ratio | best |")
    print("|---|---|---|---|---|---|---|")
    for i, c in enumerate(args[1:]):
        w = statistics.median(walls[i])
        cp = statistics.median(cpus[i])
        print("| `%s` | %.3f s | %.2fx | %.3f s | %.3f s | %.2fx | %.3f s |" % (
            c, w, w / w0, min(walls[i]), cp, cp / c0, min(cpus[i])))
    print("load average %.1f before, %.1f after; %d runs each, interleaved, %d warm-up rounds" % (
        load_before[0], load_after[0], runs, WARMUP))


if __name__ == "__main__":
    main(sys.argv[1:])
