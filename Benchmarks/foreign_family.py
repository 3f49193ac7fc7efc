#!/usr/bin/env python3
"""A second scenario family, written from another angle than cmeaudit-synth: resident years as other hands
make them. Real societies by their names and initialisms (from the provider list of common CME providers),
logs typed on a phone (lowercase, the society's initials in the title, " - " separators in a notes file),
transcripts from a hospital system with its own column names and ISO dates, series sessions named by the series
alone, certificates saved twice under a browser's "(1)" name, and ISO dates typed with month and day swapped.
Each learner folder gets an answer key in cmeaudit-synth's format, so `cmeaudit-synth score` scores it.

The matcher's thresholds were chosen on cmeaudit-synth's family; this family is reported beside it, not tuned on.

Usage: Benchmarks/foreign_family.py OUT LEARNERS SEED
"""
import json, os, random, sys

NOISE = {"attendanceNotRecorded": 0, "categoryTwoClaim": 0, "certificateNotLogged": 0, "courseLoggedPerDay": 0,
         "creditMismatch": 0, "creditTypeMismatch": 0, "dayMonthSwap": 0.05, "duplicateCertificate": 0.15,
         "duplicateLogLine": 0, "duplicateTranscriptRow": 0, "lateLogDate": 0.1, "meetingPerDay": 0,
         "missingCertificateFile": 0, "missingFromLog": 0.1, "participationCertificate": 0, "pendingEvaluation": 0,
         "providerOmitted": 0.3, "seriesWithoutTopics": 0.5, "titleVariant": 0.6, "unreadableRow": 0}

# (short name, full name, course titles as the society writes them, as a resident types them)
COURSES = [
    ("SHM", "Society of Hospital Medicine", "Sepsis Management Online Course", "{s} sepsis online course"),
    ("IDSA", "Infectious Diseases Society of America", "Antimicrobial Stewardship Essentials",
     "antimicrobial stewardship essentials ({s})"),
    ("ACP", "American College of Physicians", "Hypertension Update for Internists", "{s} hypertension update"),
    ("ACC", "American College of Cardiology", "Heart Failure Management Essentials", "{s} heart failure essentials"),
    ("ATS", "American Thoracic Society", "COPD Exacerbation Management", "copd exacerbations ({s})"),
    ("AHA", "American Heart Association", "Advanced Cardiac Life Support Renewal", "ACLS renewal"),
    ("SCCM", "Society of Critical Care Medicine", "Fundamental Critical Care Support", "{s} fundamental critical care support"),
    ("ADA", "American Diabetes Association", "Diabetic Ketoacidosis in Adults", "DKA in adults - {s}"),
]
TOPICS = ["Sepsis Bundles", "Gout Flares", "Anemia Workup", "Syncope", "Delirium", "Lupus Nephritis",
          "Hyponatremia", "Pulmonary Embolism", "Cirrhosis", "Stroke Prevention", "Pneumonia", "Asthma"]
HOSPITAL = "Riverside Health Continuing Education"


def day(start, offset):
    import datetime
    return (datetime.date(*start) + datetime.timedelta(days=offset))


def learner(folder, rng, index):
    os.makedirs(os.path.join(folder, "transcripts"))
    os.makedirs(os.path.join(folder, "logs"))
    os.makedirs(os.path.join(folder, "certificates"))
    transcript = [["Activity Date", "Course", "Sponsor", "Credit Type", "Hours"]]
    log = []
    key = {"activities": [], "findings": [], "noise": NOISE, "seed": index, "verified": {}}
    verified = 0.0
    # Weekly grand rounds from the hospital: on the transcript, named by the series alone at times.
    for week in range(40):
        date = day((2025, 7, 2), week * 7)
        topic = TOPICS[week % len(TOPICS)]
        series_only = rng.random() < NOISE["seriesWithoutTopics"]
        title = "Medicine Grand Rounds" if series_only else f"Medicine Grand Rounds: {topic}"
        transcript.append([date.isoformat(), title, HOSPITAL, "AMA PRA Category 1 Credit", "1.00"])
        row = f"transcripts/transcript.csv:{len(transcript)}"
        verified += 1
        if rng.random() < NOISE["missingFromLog"]:
            key["findings"].append({"code": "missing-from-log", "location": row})
            key["activities"].append({"id": f"gr{week}", "records": [row]})
            continue
        logged = date if rng.random() >= NOISE["lateLogDate"] else day((date.year, date.month, date.day), 1)
        typed = rng.choice([f"GR - {topic.lower()}", f"grand rounds {topic.lower()}", f"Med GR: {topic}"])
        log.append((logged.isoformat(), typed, "", "1", f"gr{week}", row, None))
    # Society courses: a certificate (a sidecar gives its fields), logged as a resident types it.
    for number, (short, full, title, typed) in enumerate(rng.sample(COURSES, 5)):
        date = day((2025, 8, 4), number * 41 + rng.randrange(20))
        credits = rng.choice(["1.5", "2", "3.25", "4"])
        name = f"{short.lower()}-certificate.pdf"
        path = os.path.join(folder, "certificates", name)
        with open(path, "w") as f:
            f.write(f"%PDF-1.4\n% {full}: {title} {date.isoformat()} learner {index}\n%%EOF\n")
        with open(path[:-4] + ".json", "w") as f:
            json.dump({"title": title, "provider": full, "date": date.isoformat(), "credits": float(credits),
                       "creditType": "AMA PRA Category 1 Credit", "accreditationStatement":
                           f"{full} is accredited by the ACCME to provide continuing medical education."}, f)
        records = [f"certificates/{name}"]
        verified += float(credits)
        if rng.random() < NOISE["duplicateCertificate"]:
            copy = f"{short.lower()}-certificate (1).pdf"
            with open(os.path.join(folder, "certificates", copy), "w") as f, open(path) as original:
                f.write(original.read())
            key["findings"].append({"code": "duplicate", "reason": "same-file", "location": f"certificates/{copy}"})
        provider = "" if rng.random() < NOISE["providerOmitted"] else rng.choice([short, full])
        written = typed.format(s=short) if rng.random() < NOISE["titleVariant"] else title
        logged = date.isoformat()
        swap = date.day <= 12 and date.day != date.month and rng.random() < NOISE["dayMonthSwap"] * 4
        if swap:
            logged = f"{date.year}-{date.day:02d}-{date.month:02d}"
        log.append((logged, written, provider, credits, f"course{number}", records[0], "date-mismatch" if swap else None))
    # The log, in date order as a phone's notes app keeps it.
    log.sort(key=lambda entry: entry[0])
    lines = ["Date,Activity,Provider,Credits"]
    for entry in log:
        lines.append(",".join([entry[0], '"' + entry[1] + '"', '"' + entry[2] + '"', entry[3]]))
        location = f"logs/log.csv:{len(lines)}"
        key["activities"].append({"id": entry[4], "records": [entry[5], location]})
        if entry[6]:
            key["findings"].append({"code": entry[6], "location": location})
    with open(os.path.join(folder, "logs", "log.csv"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(folder, "transcripts", "transcript.csv"), "w") as f:
        for row in transcript:
            f.write(",".join('"' + cell + '"' if "," in cell else cell for cell in row) + "\n")
    key["verified"] = {"ama-pra-1": ("%g" % verified)}
    with open(os.path.join(folder, "answer-key.json"), "w") as f:
        json.dump(key, f, indent=1)


def main():
    out, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    for index in range(1, count + 1):
        learner(os.path.join(out, f"learner-{index:03d}"), random.Random(seed * 1000 + index), index)


if __name__ == "__main__":
    main()
