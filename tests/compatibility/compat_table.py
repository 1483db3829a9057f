#!/usr/bin/python3
"""Prints the client compatibility table (docs/compatibility.md) from the failsafe reports of the last run.

  /usr/bin/python3 tests/compatibility/compat_table.py                            # print the table
  /usr/bin/python3 tests/compatibility/compat_table.py --check docs/compatibility.md  # exit 1 if the doc differs

Run from the repository root after `mvn -B verify` (or `-pl tests/compatibility,tests/compat-java-3,tests/compat-java-2`
plus tests/integration for the 4.3.1 Java client row). A scenario with no report is "not run"; when a test class ran
more than once, the newest report wins.
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

SCENARIOS = ["produce", "consume earliest", "group commit+resume", "topic admin"]

# (module, test class) -> client, version (each class's clientVersion test checks the version), scenario -> method
ROWS = [
    ("tests/compatibility", "KcatCompatIT", "kcat", "1.7.1 (librdkafka 2.0.2)",
     {"produce": "produce", "consume earliest": "consumeFromEarliest",
      "group commit+resume": "groupCommitAndResume", "topic admin": "topicListAndDescribe"}),
    ("tests/compatibility", "ConfluentKafkaCompatIT", "Python confluent-kafka", "1.7.0 (librdkafka 2.0.2)", None),
    ("tests/compatibility", "KafkaPythonCompatIT", "kafka-python", "2.0.2", None),
    ("tests/compatibility", "KafkajsCompatIT", "kafkajs", "2.2.4", None),
    ("tests/compatibility", "KafkaCliCompatIT", "Apache Kafka CLI tools", "4.3.1", None),
    ("tests/integration", None, "Java kafka-clients", "4.3.1",
     {"produce": "KafkaIT.defaultProducerAndConsumerRoundTripWithDenseOffsets",
      "consume earliest": "KafkaIT.defaultProducerAndConsumerRoundTripWithDenseOffsets",
      "group commit+resume": "GroupsIT.committedOffsetsSurviveARestart",
      "topic admin": "KafkaIT.adminManagesTopics"}),
    ("tests/compat-java-3", "JavaClientCompatIT", "Java kafka-clients", "3.9.1", None),
    ("tests/compat-java-2", "JavaClientCompatIT", "Java kafka-clients", "2.8.2", None),
]

DEFAULT_METHODS = {"produce": "produce", "consume earliest": "consumeFromEarliest",
                   "group commit+resume": "groupCommitAndResume", "topic admin": "topicAdmin"}

# Scenario cells that cover less than the full scenario.
NOTES = {("kcat", "topic admin"): " (list, describe)"}


def results(root, module):
    """'Class.method' -> pass | FAIL | skipped, newest report last."""
    found = {}
    reports = glob.glob(os.path.join(root, module, "target", "failsafe-reports", "TEST-*.xml"))
    for report in sorted(reports, key=os.path.getmtime):
        for case in ET.parse(report).getroot().iter("testcase"):
            name = case.get("classname").rsplit(".", 1)[-1] + "." + case.get("name")
            if case.find("failure") is not None or case.find("error") is not None:
                found[name] = "FAIL"
            elif case.find("skipped") is not None:
                found[name] = "skipped"
            else:
                found[name] = "pass"
    return found


def table(root):
    lines = ["| client | version | " + " | ".join(SCENARIOS) + " |",
             "|---|---|" + "---|" * len(SCENARIOS)]
    cache = {}
    for module, test_class, client, version, methods in ROWS:
        if module not in cache:
            cache[module] = results(root, module)
        found = cache[module]
        methods = methods or DEFAULT_METHODS
        cells = []
        for scenario in SCENARIOS:
            method = methods[scenario]
            key = method if test_class is None else test_class + "." + method
            cell = found.get(key, "not run")
            cells.append(cell + (NOTES.get((client, scenario), "") if cell == "pass" else ""))
        if test_class is not None and found.get(test_class + ".clientVersion", "pass") != "pass":
            version += " (version check: " + found.get(test_class + ".clientVersion") + ")"
        lines.append("| " + client + " | " + version + " | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(args):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    text = table(root)
    if args[:1] == ["--check"]:
        with open(args[1], encoding="utf-8") as doc:
            if text not in doc.read():
                sys.stdout.write("the table in " + args[1] + " differs from the last run:\n\n" + text)
                return 1
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
