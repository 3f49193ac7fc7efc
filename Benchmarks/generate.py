"""Writes benchmark inputs: for each size N, a transcript CSV and a log CSV of N records each for one
learner, shaped like a busy year (weekly series, repeated titles, a day-late log entry now and then).
Deterministic (seeded). Usage: generate.py [--same-title] OUT_DIR N...
  --same-title: every activity is "Medicine Grand Rounds" (a series of identical titles, two a day)."""
import csv, datetime as dt, os, random, sys

TOPICS = ("heart failure sepsis kidney injury stroke diabetes asthma pneumonia anemia gout lupus cancer "
          "vaccines ethics pain opioids delirium sleep cirrhosis syncope").split()

def write(out, n, same_title=False):
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
            title = "Medicine Grand Rounds" if same_title else f"{series}: {topic}"
            tw.writerow([day.isoformat(), title, "University Hospital", "AMA PRA Category 1 Credit", "1.00"])
            logged = day + dt.timedelta(days=1 if rnd.random() < 0.1 else 0)
            logged_title = title if same_title else (series if rnd.random() < 0.3 else f"{series} - {topic}")
            lw.writerow([f"{logged.month}/{logged.day}/{logged.year}", logged_title,
                         "Univ Hospital", "AMA PRA Cat 1", "1", "yes"])

if __name__ == "__main__":
    args = sys.argv[1:]
    same = args[0] == "--same-title"
    if same:
        args = args[1:]
    for n in args[1:]:
        write(os.path.join(args[0], n), int(n), same)
