"""Writes an office's year for the attendance benchmark: LEARNERS learners, a weekly series of 50 sessions,
sign-ins and credit for ~60% of learner-sessions, with a few planted problems. Seeded.
Usage: generate_office.py OUT_DIR LEARNERS"""
import csv, datetime as dt, os, random, sys

def write(out, learners):
    rnd = random.Random(learners)
    os.makedirs(out, exist_ok=True)
    with open(f"{out}/schedule.yaml", "w") as f:
        f.write("series:\n  - title: Medicine Grand Rounds\n    weekday: wednesday\n    from: 2025-07-02\n"
                "    to: 2026-06-10\n    credits: 1.0\n    creditType: ama-pra-1\n")
    sessions, day = [], dt.date(2025, 7, 2)
    while day <= dt.date(2026, 6, 10):
        sessions.append(day)
        day += dt.timedelta(days=7)
    with open(f"{out}/signins.csv", "w", newline="") as s, open(f"{out}/transcript.csv", "w", newline="") as t:
        sw, tw = csv.writer(s), csv.writer(t)
        sw.writerow(["Attendee", "Email", "Session Date", "Session"])
        tw.writerow(["Last Name", "First Name", "NPI", "Email", "Activity Date", "Activity Title", "Credits Awarded", "Credit Type"])
        for i in range(learners):
            first, last = f"Learner{i}", f"Family{i % 997}"
            email, npi = f"l{i}@example.org", f"{1000000000 + i}"
            for session in sessions:
                if rnd.random() < 0.6:
                    sw.writerow([f"{first} {last}", email, session.strftime("%m/%d/%Y"), "Medicine Grand Rounds"])
                    if rnd.random() < 0.98:
                        tw.writerow([last, first, npi, email, session.isoformat(), "Medicine Grand Rounds", "1.00", "AMA PRA Category 1"])

if __name__ == "__main__":
    write(sys.argv[1], int(sys.argv[2]))
