"""Redraw docs/annotated-page.png, the README's picture of the annotated page, with headless Chromium.

    python docs/annotated_page_screenshot.py [--browser chromium]

Headless Chromium draws a blank picture once a page has scrolled, so the window is taller than the
page (nothing scrolls) and the part around the claim with its details open is cut out of it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from jzrol import paths, read_report
from jzrol.annotate import write_annotated_page

OUT = paths.ROOT / "docs" / "annotated-page.png"
CLAIM = 10  # 由3个工作日缩短至1个工作日: a change with a finding
WIDTH, TALL, TOP, HEIGHT = 1280, 9000, 1500, 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--browser", default=shutil.which("chromium") or "chromium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        page = write_annotated_page(read_report(paths.SEED_REPORT), Path(folder) / "page.html")
        shot = Path(folder) / "tall.png"
        subprocess.run([args.browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                        f"--user-data-dir={folder}/profile", f"--window-size={WIDTH},{TALL}", f"--screenshot={shot}",
                        f"{page.as_uri()}?term=调解#c{CLAIM}"], check=True, capture_output=True)
        with Image.open(shot) as image:
            part = image.convert("RGB").crop((0, TOP, WIDTH, TOP + HEIGHT))
    part.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(OUT, optimize=True)
    print(f"wrote {OUT.relative_to(paths.ROOT)} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
