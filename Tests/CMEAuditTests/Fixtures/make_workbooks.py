"""Writes the .xlsx test fixtures (run from this folder: python3 make_workbooks.py). Needs openpyxl and,
for the LibreOffice-written workbook, soffice (apt-get install libreoffice-calc-nogui). The outputs are
committed; tests never run this script."""
import datetime as dt, io, os, re, shutil, subprocess, tempfile, zipfile
import openpyxl

LOG_HEADER = ["Date", "Activity Title", "Provider", "Credit Type", "Credits Earned", "Certificate", "Evaluation Completed"]
LOG_ROWS = [
    (dt.date(2025, 9, 3), "Medicine Grand Rounds – Sepsis", "University Hospital", "AMA PRA Category 1 Credit™", 1, None, True),
    (dt.date(2025, 10, 4), "ACC Heart Failure Summit", "American College of Cardiology", "AMA PRA Category 1 Credit™", 6.25, "acc-hf.pdf", True),
    (dt.date(2025, 10, 20), "Reading: NEJM review articles", None, "AMA PRA Category 2", 3, None, None),
    (dt.date(2025, 11, 5), "Grand Rounds: Sepsis follow-up", "University Hospital", "AMA PRA Category 1 Credit™", 1.5, None, False),
]

def log_workbook(path, date1904=False):
    """A log with an instructions sheet first and guidance rows above the header (openpyxl)."""
    wb = openpyxl.Workbook()
    wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904 if date1904 else openpyxl.utils.datetime.CALENDAR_WINDOWS_1900
    info = wb.active
    info.title = "Instructions"
    info.append(["Keep one line per activity. Save certificates in the certificates folder."])
    ws = wb.create_sheet("CME Log")
    ws.append(["My CME log, PGY-2"])
    ws.append([])
    ws.append(LOG_HEADER)
    for row in LOG_ROWS:
        ws.append(list(row))
    for cell in ws["A"][3:]:
        cell.number_format = "mm/dd/yyyy"
    wb.save(path)

def rewrite(src, dst, edit):
    """Copies a workbook, passing each part through edit(name, bytes) -> bytes or None (drop the part)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = edit(item.filename, zin.read(item.filename))
            if data is not None:
                zout.writestr(item, data)

def main():
    log_workbook("log-openpyxl.xlsx")
    log_workbook("log-1904.xlsx", date1904=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", tmp, "log-openpyxl.xlsx"],
                       check=True, capture_output=True)
        shutil.copy(os.path.join(tmp, "log-openpyxl.xlsx"), "log-libreoffice.xlsx")
    # openpyxl writes inline strings and absolute part paths; LibreOffice a shared string table and
    # relative paths. The broken variants start from LibreOffice's.
    rewrite("log-libreoffice.xlsx", "broken-no-shared-strings.xlsx",
            lambda name, data: None if name == "xl/sharedStrings.xml" else data)
    def short_table(name, data):
        # The last string of the table dropped: the cell that used it points past the table.
        if name != "xl/sharedStrings.xml":
            return data
        return re.sub(rb"<si>(?:(?!<si>).)*?</si>(</sst>)", rb"\1", data, count=1, flags=re.S)
    rewrite("log-libreoffice.xlsx", "broken-short-string-table.xlsx", short_table)
    raw = open("log-openpyxl.xlsx", "rb").read()
    open("broken-truncated.xlsx", "wb").write(raw[: len(raw) * 2 // 3])
    # A phantom 29 February 1900 (serial 60) in a date cell.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Date", "Activity Title", "Credits"])
    ws.append([60, "Phantom day", 1])
    ws.append([61, "First of March 1900", 1])
    ws["A2"].number_format = ws["A3"].number_format = "yyyy-mm-dd"
    wb.save("phantom-1900.xlsx")
    manifest_workbook("certificates.xlsx")
    formula_workbook("formula-unsaved.xlsx")

def manifest_workbook(path):
    """A certificates manifest kept in Excel."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Certificates"
    ws.append(["File", "Title", "Provider", "Date", "Credit Type", "Credits", "Certificate ID"])
    ws.append(["acp.pdf", "Internal Medicine Meeting 2026", "American College of Physicians", dt.date(2026, 4, 23),
               "AMA PRA Category 1 Credits™", 18.5, "ACP-1"])
    ws.append(["missing.pdf", "A certificate not saved", "ACP", dt.date(2026, 4, 24), "AMA PRA Category 1", 1, None])
    ws["D2"].number_format = ws["D3"].number_format = "yyyy-mm-dd"
    wb.save(path)

def formula_workbook(path):
    """A formula that openpyxl saves without its result (no program has calculated it)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Date", "Activity Title", "Credits"])
    ws.append(["2026-03-04", "Grand Rounds", "=0.5*2"])
    ws.append(["2026-03-11", "Grand Rounds", 1])
    ws.append([None, "Total", "=SUM(C2:C3)"])  # a total row's sum, never calculated either
    wb.save(path)

if __name__ == "__main__":
    main()
