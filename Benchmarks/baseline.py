#!/usr/bin/env python3
"""A plain baseline beside the matcher: a log line and a transcript row or certificate are one activity when
they fall on the same day and their titles share a word of four letters or more. Scored like the matcher's
links (pairs of record locations, against each folder's answer-key.json), from the records of report.json.

Usage: Benchmarks/baseline.py LEARNER_FOLDER...
"""
import itertools, json, os, re, sys


def words(title):
    return {w for w in re.findall(r"[a-z0-9]+", title.lower()) if len(w) >= 4}


def main():
    tp = fp = fn = 0
    for folder in sys.argv[1:]:
        report = json.load(open(os.path.join(folder, "report.json")))
        key = json.load(open(os.path.join(folder, "answer-key.json")))
        def place(record):
            source = record["source"]
            return f"{source['path']}:{source['line']}" if source.get("line") else source["path"]
        records = report["records"]
        logs = [r for r in records if r["kind"] == "log"]
        evidence = [r for r in records if r["kind"] != "log"]
        found = set()
        for log in logs:
            for other in evidence:
                if log.get("date") and log["date"] == other.get("date") and words(log["title"]) & words(other["title"]):
                    found.add(frozenset((place(log), place(other))))
        expected = set()
        for activity in key["activities"]:
            for a, b in itertools.combinations(activity["records"], 2):
                expected.add(frozenset((a, b)))
        # The baseline links log lines to evidence only: compare on those pairs.
        expected = {p for p in expected if any(x.startswith("logs/") for x in p)}
        tp += len(found & expected)
        fp += len(found - expected)
        fn += len(expected - found)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"{'baseline links (log to record)':<36}{precision:>9.3f}{recall:>10.3f}{tp:>7}{fp:>7}{fn:>7}")


if __name__ == "__main__":
    main()
