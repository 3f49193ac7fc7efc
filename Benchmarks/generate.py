"""Writes benchmark inputs: for each size N, a transcript CSV and a log CSV of N records each for one
learner, shaped like a busy year (weekly series, repeated titles, a day-late log entry now and then).
Deterministic (seeded). Usage: generate.py OUT_DIR N..."""
import csv, datetime as dt, os, random, sys

TOPICS = ("heart failure sepsis kidney injury stroke diabetes asthma pneumonia anemia gout lupus cancer "
          "vaccines ethics pain opioids delirium sleep cirrhosis syncope").split()

def write(out, n):
    rnd = random.Random(n)
    os.makedirs(out, exist_ok=True)
    start = dt.date(2000, 1, 5)
    with open(f"{out}/transcript.csv", "w", newline="") as t, open(f"{out}/log.csv", "w", newline="") as l:
        tw, lw = csv.writer(t), csv.writer(l)
        tw.writerow(["Date", "Activity Title", "Provider", "Credit Type", "Credits"])
        lw.writerow(["Date", "Activity Title", "Provider", "Credit Type", "Credits Earned", "Evaluation Completed"])
        for i in range(n):
            day = start + dt.timedelta(days=i // 4 * 2 + i % 2)  # ~2 activities a day
            series = ["Medicine Grand Rounds", "M&M Conference", "Journal Club", "Noon Conference"][i % 4]
            topic = " ".join(rnd.sample(TOPICS, 2))
            tw.writerow([day.isoformat(), f"{series}: {topic}", "University Hospital", "AMA PRA Category 1 Credit", "1.00"])
            logged = day + dt.timedelta(days=1 if rnd.random() < 0.1 else 0)
            lw.writerow([f"{logged.month}/{logged.day}/{logged.year}", series if rnd.random() < 0.3 else f"{series} - {topic}",
                         "Univ Hospital", "AMA PRA Cat 1", "1", "yes"])

if __name__ == "__main__":
    for n in sys.argv[2:]:
        write(os.path.join(sys.argv[1], n), int(n))
