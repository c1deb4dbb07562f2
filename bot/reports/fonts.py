"""A font that has Hangul, for the chart: the project's own, never the system's luck.

The NanumGothic files come with the `koreanize-matplotlib` distribution (a pinned
dependency). That package is never imported (its import changes matplotlib's global
settings and uses distutils); only its font files are read.
"""

from __future__ import annotations

import functools
import logging
from importlib import metadata
from pathlib import Path
from typing import Final

from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

logger = logging.getLogger(__name__)

FONT_DISTRIBUTION: Final = "koreanize-matplotlib"
FONT_FILES: Final = (
    "koreanize_matplotlib/fonts/NanumGothic.ttf",
    "koreanize_matplotlib/fonts/NanumGothicBold.ttf",
)
#: Installed fonts known to cover Hangul, tried when the bundled one is missing.
SYSTEM_FAMILIES: Final = (
    "NanumGothic",
    "Noto Sans CJK KR",
    "Noto Sans KR",
    "UnDotum",
    "Baekmuk Gulim",
    "Malgun Gothic",
    "AppleGothic",
)
HANGUL_SAMPLE: Final = "한글가힣"


class KoreanFontError(RuntimeError):
    """No font with Hangul could be found: the chart would show empty boxes."""


def has_hangul(path: str | Path) -> bool:
    """Whether the font file has a glyph for every character of the sample."""
    charmap = FT2Font(str(path)).get_charmap()
    return all(ord(ch) in charmap for ch in HANGUL_SAMPLE)


def _bundled_files() -> list[Path]:
    try:
        distribution = metadata.distribution(FONT_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return []
    files = [Path(str(distribution.locate_file(name))) for name in FONT_FILES]
    return [path for path in files if path.is_file()]


@functools.cache
def korean_font_family() -> str:
    """Register the bundled font (once) and return a family name that renders Hangul."""
    for bundled in _bundled_files():
        font_manager.fontManager.addfont(str(bundled))
    for family in SYSTEM_FAMILIES:
        properties = font_manager.FontProperties(family=family)
        try:
            found = font_manager.findfont(properties, fallback_to_default=False)
        except ValueError:
            continue
        if has_hangul(found):
            return family
    raise KoreanFontError(
        f"no font with Hangul found; reinstall the project's dependencies "
        f"({FONT_DISTRIBUTION} ships NanumGothic) or install fonts-nanum"
    )
