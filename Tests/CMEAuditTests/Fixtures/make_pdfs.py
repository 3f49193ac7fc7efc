#!/usr/bin/env python3
"""Writes the PDF fixtures the Swift tests cannot make themselves (cairo writes no encryption):
password-protected.pdf, a one-page certificate encrypted with a user password (AES-256), as a portal's
"protected" download is. Needs pikepdf (pip install pikepdf); run from this folder."""
import pikepdf

pdf = pikepdf.new()
page = pdf.add_blank_page(page_size=(792, 612))
font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                            BaseFont=pikepdf.Name.Helvetica))
page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
page.Contents = pdf.make_stream(
    b"BT /F1 14 Tf 72 500 Td (This certifies that Jordan Lee has completed the course Protected Update) Tj ET")
pdf.save("password-protected.pdf", encryption=pikepdf.Encryption(user="secret", owner="owner", R=6))
