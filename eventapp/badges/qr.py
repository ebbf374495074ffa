"""The badge's QR code: a short check-in URL, error correction M, generated with ``qrcode``."""

from __future__ import annotations

import io
import re
from functools import lru_cache
from urllib.parse import urlsplit

import qrcode
import qrcode.image.svg
import qrcode.util
from qrcode.constants import ERROR_CORRECT_M

#: What a check-in code looks like (``secrets.token_urlsafe``): anything else is not ours.
CODE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
# Light area beside a finder-like 1:1:3:1:1 pattern, in either order (penalty rule 3).
_FINDER_1 = 0b10111010000
_FINDER_2 = 0b00001011101


def checkin_url(base_url: str, code: str) -> str:
    """The payload of a badge's QR: ``<BASE_URL>/c/<code>``, short so the code stays small."""
    return f"{base_url.rstrip('/')}/c/{code}"


def extract_code(scanned: str) -> str | None:
    """The check-in code in what a scanner typed: the whole URL or the bare code; else None."""
    text = (scanned or "").strip()
    if "/" in text:
        path = urlsplit(text).path if "://" in text else text.split("?")[0].split("#")[0]
        parts = [part for part in path.split("/") if part]
        if len(parts) >= 2 and parts[-2] == "c":
            text = parts[-1]
        else:
            return None
    return text if CODE_PATTERN.match(text) else None


class _FastMaskQRCode(qrcode.QRCode):
    """``qrcode.QRCode`` that picks the same mask as the library, several times faster.

    The library lays the matrix out eight times and counts the penalty in Python loops (7 ms
    a code, most of a 1,000-badge PDF). Here the matrix is laid out once, every row and column
    is packed into one integer, the other masks are XORed onto it, and the penalty is counted
    with a few dozen bit operations on the packed integers.
    """

    def map_data(self, data: list[int], mask_pattern: int) -> None:
        if self.version not in _MASKS:
            free = [[cell is None for cell in row] for row in self.modules]
            _MASKS[self.version] = _packed_masks(free)
        super().map_data(data, mask_pattern)

    def best_mask_pattern(self) -> int:
        self.makeImpl(True, 0)
        count = len(self.modules)
        rows, cols = _pack(self.modules)
        masks = _MASKS[self.version]
        best, pattern = 0, 0
        for mask in range(8):
            flip_rows, flip_cols = masks[0][0] ^ masks[mask][0], masks[0][1] ^ masks[mask][1]
            lost = packed_penalty(rows ^ flip_rows, cols ^ flip_cols, count)
            if mask == 0 or lost < best:
                best, pattern = lost, mask
        return pattern


_BITS = bytes.maketrans(b"\x00\x01", b"01")
_PAD = 16  # zero bits between packed lines; windows are checked against _valid() anyway
_MASKS: dict[int, list[tuple[int, int]]] = {}


def _pack(modules: list[list[bool]]) -> tuple[int, int]:
    """All rows, and all columns, each packed into one integer, line after line."""
    pad = b"0" * _PAD
    rows = [bytes(row).translate(_BITS) for row in modules]
    cols = [bytes(col) for col in zip(*rows, strict=True)]
    return int(pad.join(rows) + pad, 2), int(pad.join(cols) + pad, 2)


def _packed_masks(free: list[list[bool]]) -> list[tuple[int, int]]:
    """Per mask pattern, the data modules it inverts, packed like ``_pack``."""
    size = range(len(free))
    packed = []
    for pattern in range(8):
        flips = qrcode.util.mask_func(pattern)
        packed.append(_pack([[free[r][c] and bool(flips(r, c)) for c in size] for r in size]))
    return packed


@lru_cache(maxsize=64)
def _valid(count: int, width: int, skip_first_line: bool = False) -> int:
    """The bit positions where a window of ``width`` modules lies inside one packed line."""
    line = "0" * (width - 1) + "1" * (count - width + 1)
    lines = ["0" * count if skip_first_line and n == 0 else line for n in range(count)]
    pad = "0" * _PAD
    return int(pad.join(lines) + pad, 2)


def packed_penalty(rows: int, cols: int, count: int) -> int:
    """The ISO 18004 penalty of a matrix packed by ``_pack``, as ``qrcode.util.lost_point``."""
    stride = count + _PAD
    penalty = 0
    for lines in (rows, cols):
        equal = ~(lines ^ (lines >> 1))
        runs = equal & (equal >> 1) & (equal >> 2) & (equal >> 3) & _valid(count, 5)
        # A run of L >= 5 equal modules holds L-4 windows of five and costs L-2.
        penalty += runs.bit_count() + 2 * (runs & ~(runs >> 1)).bit_count()
        light = ~lines
        core = lines & (lines >> 2) & (lines >> 3) & (lines >> 4) & (lines >> 6)
        core &= light >> 1 & light >> 5
        light4 = light & (light >> 1) & (light >> 2) & (light >> 3)
        finders = ((core >> 4) & light4) | (core & (light4 >> 7))  # 1011101 then 0000, or after
        penalty += 40 * (finders & _valid(count, 11)).bit_count()
    below = rows >> stride  # each row's neighbour above, aligned with it
    same = ~(rows ^ below) & ~(rows ^ (rows >> 1)) & ~(below ^ (below >> 1))
    penalty += 3 * (same & _valid(count, 2, skip_first_line=True)).bit_count()
    percent = float(rows.bit_count()) / (count**2)
    penalty += int(abs(percent * 100 - 50) / 5) * 10
    return penalty


def _qr(payload: str, *, border: int = 4, **kwargs: object) -> qrcode.QRCode:
    code = _FastMaskQRCode(error_correction=ERROR_CORRECT_M, border=border, **kwargs)
    code.add_data(payload)
    code.make(fit=True)
    return code


def qr_matrix(payload: str) -> list[list[bool]]:
    """The dark (True) and light modules of the QR code, without its quiet zone."""
    return [[bool(cell) for cell in row] for row in _qr(payload, border=0).modules]


def qr_svg(payload: str) -> bytes:
    """The QR code as a standalone SVG (one path, 4-module quiet zone, white background)."""
    image = _qr(payload, image_factory=qrcode.image.svg.SvgPathFillImage).make_image()
    return image.to_string(encoding="utf-8")


def qr_png(payload: str, *, box_size: int = 10) -> bytes:
    """The QR code as a black-and-white PNG."""
    image = _qr(payload, box_size=box_size).make_image()
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()
