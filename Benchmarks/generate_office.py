"""Writes an office's year for the scale benchmark (Benchmarks/run). Seeded, so every run reads the same bytes.

Usage: generate_office.py OUT_DIR RECORDS
  About RECORDS records in all (sign-ins + transcript + logs, ~50 per learner, so ~2,000 learners
  per 100k records): three series (weekly grand rounds, weekly M&M, monthly journal club), sign-ins, a
  transcript with NPI and email, and a folder of learners' own logs (one CSV per learner, named by the learner).
  The transcript's credits are written twice: transcript.csv (eight narrow columns) and transcript-ethosce.csv
  (EthosCE's course-record layout: 15 columns, ISO 8601 date-times, "Credit™"), the same records.
  About 1% of learner-sessions carry a planted problem: credit never posted, credit without a sign-in,
  credit posted twice, a claim with no record.
Prints the number of records written."""
import csv, datetime as dt, os, random, sys

SERIES = [  # title, weekday (Monday = 0), every n weeks, credits
    ("Medicine Grand Rounds", 2, 1, "1.00"),
    ("Morbidity and Mortality Conference", 4, 1, "1.00"),
    ("Journal Club", 1, 4, "1.50"),
]
FROM, TO = dt.date(2025, 7, 1), dt.date(2026, 6, 30)
# Names are letters only (a name key ignores digits): 40 x 40 first names and 40 x 40 last names.
ONSETS = "Al Ba Ca Da El Fa Ga Ha Ia Ja Ka La Ma Na Ol Pa Ra Sa Ta Ul Va Wa Ya Za Be Ce De Fe Ge He Je Ke Le Me Ne Pe Re Se Te Ve".split()
ENDINGS = "na ra la sa ta ma da ka va ya ni ri li si ti mi di ki vi yi no ro lo so to mo do ko vo yo nel ren lan son ton man dan kan van yan".split()


def name(i):
    """A distinct first and last name for learner i (up to 2.5 million learners)."""
    first, last = i % 1600, i // 1600
    return (ONSETS[first // 40] + ENDINGS[first % 40], ONSETS[last // 40 % 40] + ENDINGS[last % 40] + "s")


def npi(i):
    """Learner i's NPI: nine digits, then the check digit NPIs carry (Luhn over "80840" and the nine)."""
    body = f"{100000000 + i}"
    total = 0
    for position, digit in enumerate(reversed("80840" + body)):
        value = int(digit) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return body + str((10 - total % 10) % 10)


def sessions():
    found = []
    for title, weekday, every, credits in SERIES:
        day = FROM + dt.timedelta(days=(weekday - FROM.weekday()) % 7)
        while day <= TO:
            found.append((day, title, credits))
            day += dt.timedelta(days=7 * every)
    return sorted(found)


def office(out, records):
    rnd = random.Random(records)
    clock = random.Random(-records)  # the EthosCE layout's times, drawn apart so the other files stay as they were
    learners = max(1, records // 50)
    os.makedirs(f"{out}/logs", exist_ok=True)
    all_sessions = sessions()
    weekly = [s for s in all_sessions if s[1] != "Journal Club"]
    with open(f"{out}/schedule.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Date", "Title", "Designated Credits", "Credit Type"])
        for day, title, credits in all_sessions:
            w.writerow([day.isoformat(), title, credits, "AMA PRA Category 1 Credit"])
    written = 0
    per_learner = 50 / (len(all_sessions) * (0.4 + 0.4 * 0.99 + 0.4 * 0.5))  # attendance rate that gives ~50
    courses = {(day, title): f"{1000 + n}" for n, (day, title, _) in enumerate(all_sessions)}
    with open(f"{out}/signins.csv", "w", newline="") as s, open(f"{out}/transcript.csv", "w", newline="") as t, \
            open(f"{out}/transcript-ethosce.csv", "w", newline="", encoding="utf-8") as e:
        sw, tw, ew = csv.writer(s), csv.writer(t), csv.writer(e)
        ew.writerow(["external_course_id", "title", "external_user_id", "external_email", "first_name", "last_name",
                     "enrollment_start", "enrollment_end", "credits", "credit_type", "credit_expiration", "complete",
                     "date_completed", "attended", "participant_category"])
        sw.writerow(["Attendee", "Email", "Session Date", "Session"])
        tw.writerow(["Last Name", "First Name", "NPI", "Email", "Activity Date", "Activity Title", "Credits Awarded",
                     "Credit Type"])
        for i in range(learners):
            first, last = name(i)
            email, number = f"{first}.{last}.{i}@example.org".lower(), npi(i)
            log = []
            for day, title, credits in all_sessions:
                if rnd.random() >= 0.4 * per_learner:
                    continue
                problem = rnd.random()
                signed = problem >= 0.0025  # credit without a sign-in
                posted = not (0.0025 <= problem < 0.005)  # attendance never credited
                if signed:
                    sw.writerow([f"{first} {last}", email, day.strftime("%m/%d/%Y"), title])
                    written += 1
                if posted:
                    for _ in range(2 if 0.005 <= problem < 0.0075 else 1):  # posted twice
                        tw.writerow([last, first, number, email, day.isoformat(), title, credits, "AMA PRA Category 1"])
                        started = f"{day.isoformat()}T07:{clock.randrange(60):02d}:{clock.randrange(60):02d}"
                        ew.writerow([courses[(day, title)], title, f"U{i:07d}", email, first, last, started,
                                     f"{day.isoformat()}T08:00:00", credits, "AMA PRA Category 1 Credit™", "", "1",
                                     f"{day.isoformat()}T{8 + clock.randrange(10):02d}:{clock.randrange(60):02d}:"
                                     f"{clock.randrange(60):02d}-04:00", "1", "Physician"])
                        written += 1
                if rnd.random() < 0.5:
                    logged = day + dt.timedelta(days=1 if rnd.random() < 0.05 else 0)
                    log.append([f"{logged.month}/{logged.day}/{logged.year}", title, credits.rstrip("0").rstrip(".")])
            if rnd.random() < 0.01:  # a claim with neither a sign-in nor credit
                day, title, credits = rnd.choice(weekly)
                log.append([f"{day.month}/{day.day}/{day.year}", title, "1"])
            with open(f"{out}/logs/{first.lower()}-{last.lower()}.csv", "w", newline="") as f:
                lw = csv.writer(f)
                lw.writerow(["Date", "Activity Title", "Credits Earned"])
                lw.writerows(log)
            written += len(log)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print(office(sys.argv[1], int(sys.argv[2])))
