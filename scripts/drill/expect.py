#!/usr/bin/env python3
"""What the runbooks will do, read from their dry runs (scripts/drill.sh).

    python3 expect.py PROMOTE_DRY_RUN FAILBACK_DRY_RUN

Prints TSV lines, in this order:
  promote REGION ID              a read replica promote-dr.sh promotes
  scale REGION NAME MIN DESIRED  a group promote-dr.sh grows
  aurora REGION GLOBAL TARGET    a global cluster promote-dr.sh fails over
  aurora-home REGION GLOBAL TARGET  the switchover failback.sh makes
  stranded REGION ID             another replica of the lost writer, which
                                 failback.sh deletes for its root to recreate

A dry run prints each command as `+ aws ...` (shell-quoted); an option a
line does not have reads as "" (an Aurora instance, for one, is deleted
without a final snapshot of its own).
"""
import shlex
import sys


def commands(path):
    for line in open(path, encoding="utf-8"):
        if line.startswith("+ aws "):
            w = shlex.split(line[2:])
            yield w, (lambda k, w=w: w[w.index(k) + 1] if k in w and w.index(k) + 1 < len(w) else "")


def main(promote_dry, failback_dry):
    promoted = set()
    for w, opt in commands(promote_dry):
        if w[1:3] == ["rds", "promote-read-replica"]:
            promoted.add((opt("--region"), opt("--db-instance-identifier")))
            print("promote", opt("--region"), opt("--db-instance-identifier"), sep="\t")
        elif w[1:3] == ["autoscaling", "update-auto-scaling-group"]:
            print("scale", opt("--region"), opt("--auto-scaling-group-name"), opt("--min-size"),
                  opt("--desired-capacity"), sep="\t")
        elif w[1:3] == ["rds", "failover-global-cluster"]:
            print("aurora", opt("--region"), opt("--global-cluster-identifier"),
                  opt("--target-db-cluster-identifier"), sep="\t")
    for w, opt in commands(failback_dry):
        if w[1:3] == ["rds", "switchover-global-cluster"]:
            print("aurora-home", opt("--region"), opt("--global-cluster-identifier"),
                  opt("--target-db-cluster-identifier"), sep="\t")
        elif w[1:3] == ["rds", "delete-db-instance"] \
                and "-after-failback-" in opt("--final-db-snapshot-identifier") \
                and (opt("--region"), opt("--db-instance-identifier")) not in promoted:
            print("stranded", opt("--region"), opt("--db-instance-identifier"), sep="\t")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: expect.py PROMOTE_DRY_RUN FAILBACK_DRY_RUN")
    main(sys.argv[1], sys.argv[2])
