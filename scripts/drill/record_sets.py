#!/usr/bin/env python3
"""The alias record sets of Route 53 answers, one line each (scripts/drill.sh).

    aws route53 list-resource-record-sets ... --output json | python3 record_sets.py

Reads one or more JSON answers of list-resource-record-sets (one per hosted
zone, concatenated) and prints a sorted line per alias set:

    NAME TYPE SET_IDENTIFIER HEALTH_CHECK_ID ALIAS_DNS_NAME

names lower-cased without their final dot, '-' where a field is absent. The
drill compares these lines before the outage and after the failback (the
runbooks put back what they moved) and, after a failover with
--move-records, checks that no set still aliases the lost region and that
each kept its health check.
"""
import json
import sys


def answers(text):
    decoder = json.JSONDecoder()
    i = 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return
        doc, i = decoder.raw_decode(text, i)
        yield doc


def norm(name):
    return (name or "-").lower().rstrip(".") or "-"


def main():
    lines = []
    for doc in answers(sys.stdin.read()):
        for s in doc.get("ResourceRecordSets", []):
            alias = s.get("AliasTarget")
            if not alias:
                continue
            lines.append(" ".join([
                norm(s.get("Name")),
                s.get("Type", "-"),
                s.get("SetIdentifier") or "-",
                s.get("HealthCheckId") or "-",
                norm(alias.get("DNSName")),
            ]))
    for line in sorted(lines):
        print(line)


if __name__ == "__main__":
    main()
