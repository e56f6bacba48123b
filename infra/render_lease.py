#!/usr/bin/env python3
"""Renders a made-up Swedish commercial lease (hyresavtal för lokal) as a scan would deliver
it: lease.png (one page, 300 dpi, greyscale) and lease.pdf (an image-only PDF, like a scanned
PDF: no text layer, so OCR must read it). The test documents of the local OCR engines
(infra/local/src/ocr) and of the end-to-end test; every name, number and address is invented.

    render_lease.py --out-dir DIR [--pages N] [--encrypted] [--dpi 300]

--pages N     lease.pdf gets N pages: the lease, then N-1 pages of appendices (Bilaga).
--encrypted   also writes lease-encrypted.pdf: the same PDF behind a user password, which
              OCR cannot open (the bad-file tests).

Deterministic: the same arguments write the same pixels. Needs Pillow and pypdf (pinned in
infra/requirements.txt) and the DejaVu fonts (infra/env.sh mypages_ocr_tools installs them).
"""

import argparse
import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
A4_INCHES = (8.27, 11.69)

TITLE = "HYRESAVTAL FÖR LOKAL"
# (heading, [lines]); the "Label: value" lines are what OCR should pair as key and value.
SECTIONS = [
    ("§ 1 Parter", [
        "Hyresvärd: Fastighets AB Norrsken",
        "Organisationsnummer: 556677-8899",
        "Hyresgäst: Exempelbolaget AB",
        "Organisationsnummer: 559012-3456",
    ]),
    ("§ 2 Lokal", [
        "Objekt: Kontorslokal, Storgatan 1, Stockholm",
        "Area: 245 kvadratmeter",
    ]),
    ("§ 3 Hyra och avtalstid", [
        "Hyra: 12 500,00 kr per månad",
        "Tillträdesdag: 2026-01-01",
        "Upphör: 2030-12-31",
        "Uppsägningstid: 9 månader",
        "Indexklausul: KPI, basmånad oktober 2025",
    ]),
]
BODY = [
    ("§ 4 Betalning", "Hyran betalas månadsvis i förskott senast den sista vardagen före "
     "varje kalendermånads början till det konto som hyresvärden anvisar. Vid försenad "
     "betalning utgår dröjsmålsränta enligt räntelagen samt ersättning för "
     "betalningspåminnelse."),
    ("§ 5 Förlängning och uppsägning", "Sägs avtalet inte upp senast nio månader före "
     "avtalstidens utgång förlängs det med tre år i taget. Uppsägning ska ske skriftligen. "
     "Hyresgästen får inte utan hyresvärdens skriftliga medgivande överlåta hyresrätten "
     "eller upplåta lokalen i andra hand."),
]
APPENDIX = [
    "Hyresgästen svarar för att lokalen används för kontorsverksamhet och att verksamheten "
    "bedrivs så att grannar inte störs. Hyresvärden svarar för att fastigheten hålls i "
    "sådant skick att lokalen kan användas för det avsedda ändamålet.",
    "Hyresgästen ska på egen bekostnad teckna och under hela hyrestiden vidmakthålla en "
    "försäkring som täcker skada på egendom som tillhör hyresgästen samt ansvar för skada "
    "som hyresgästen orsakar.",
    "Ändringar av och tillägg till detta avtal ska upprättas skriftligen och undertecknas "
    "av båda parter för att vara giltiga.",
]


def font(name, points, dpi):
    return ImageFont.truetype(str(FONT_DIR / name), round(points * dpi / 72))


class Page:
    """One A4 page drawn top to bottom, in the margins of a typed contract."""

    def __init__(self, dpi):
        self.dpi = dpi
        self.size = (round(A4_INCHES[0] * dpi), round(A4_INCHES[1] * dpi))
        self.image = Image.new("L", self.size, 250)
        self.draw = ImageDraw.Draw(self.image)
        self.left = round(1.0 * dpi)
        self.right = self.size[0] - round(1.0 * dpi)
        self.y = round(0.9 * dpi)
        self.body = font("DejaVuSerif.ttf", 11, dpi)
        self.bold = font("DejaVuSerif-Bold.ttf", 11, dpi)
        self.title = font("DejaVuSerif-Bold.ttf", 17, dpi)

    def line(self, text, face=None, gap=1.45):
        face = face or self.body
        self.draw.text((self.left, self.y), text, font=face, fill=25)
        self.y += round(face.size * gap)

    def space(self, points):
        self.y += round(points * self.dpi / 72)

    def paragraph(self, text):
        words, current = text.split(), ""
        for word in words:
            candidate = f"{current} {word}".strip()
            if self.draw.textlength(candidate, font=self.body) > self.right - self.left:
                self.line(current)
                current = word
            else:
                current = candidate
        if current:
            self.line(current)

    def footer(self, number, count):
        text = f"Sida {number} av {count}"
        width = self.draw.textlength(text, font=self.body)
        self.draw.text(((self.size[0] - width) / 2, self.size[1] - round(0.8 * self.dpi)),
                       text, font=self.body, fill=25)

    def scanned(self, seed):
        """Scanner grain: sparse grey specks, the same for the same seed."""
        rng = random.Random(seed)
        pixels = self.image.load()
        width, height = self.size
        for _ in range(width * height // 400):
            x, y = rng.randrange(width), rng.randrange(height)
            pixels[x, y] = rng.randrange(170, 235)
        return self.image


def lease_page(dpi, count):
    page = Page(dpi)
    page.line(TITLE, page.title, gap=1.6)
    page.line("Avtalsnummer HA-2025-0147")
    for heading, lines in SECTIONS:
        page.space(8)
        page.line(heading, page.bold)
        for text in lines:
            page.line(text)
    for heading, text in BODY:
        page.space(8)
        page.line(heading, page.bold)
        page.paragraph(text)
    page.space(16)
    page.line("Stockholm den 15 november 2025")
    page.space(28)
    page.line("För hyresvärden ____________________")
    page.space(10)
    page.line("För hyresgästen ____________________")
    page.footer(1, count)
    return page.scanned(seed=1)


def appendix_page(dpi, number, count):
    page = Page(dpi)
    page.line(f"Bilaga {number - 1} Allmänna villkor", page.title, gap=1.6)
    for text in APPENDIX:
        page.space(8)
        page.paragraph(text)
    page.footer(number, count)
    return page.scanned(seed=number)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out-dir", required=True, type=Path)
    parser.add_argument("--pages", type=int, default=1, help="pages of lease.pdf (default 1)")
    parser.add_argument("--encrypted", action="store_true",
                        help="also write lease-encrypted.pdf (user password)")
    parser.add_argument("--dpi", type=int, default=300)
    args = parser.parse_args(argv)
    if args.pages < 1:
        parser.error("--pages must be at least 1")
    args.out_dir.mkdir(parents=True, exist_ok=True)

    pages = [lease_page(args.dpi, args.pages)]
    pages += [appendix_page(args.dpi, n, args.pages) for n in range(2, args.pages + 1)]
    png, pdf = args.out_dir / "lease.png", args.out_dir / "lease.pdf"
    pages[0].save(png, dpi=(args.dpi, args.dpi))
    pages[0].save(pdf, save_all=True, append_images=pages[1:], resolution=args.dpi)
    written = [png, pdf]
    if args.encrypted:
        from pypdf import PdfWriter

        writer = PdfWriter(clone_from=pdf)
        # RC4 needs no crypto library; pdftoppm refuses either cipher without the password.
        writer.encrypt(user_password="hemligt", owner_password="hemligt-agare",
                       algorithm="RC4-128")
        encrypted = args.out_dir / "lease-encrypted.pdf"
        with open(encrypted, "wb") as out:
            writer.write(out)
        written.append(encrypted)
    for path in written:
        print(path)


if __name__ == "__main__":
    main(sys.argv[1:])
