"""Communes of the configured province from the `vietnam-provinces` package (post-2025 units).

A student types "Cam Lâm", "xa cam lam", "Phường Nha Trang" or the official code; we find
the unit, list the candidates when several fit, and suggest the nearest names otherwise.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from kfield.core.errors import UsageError

KHANH_HOA = 56
PREFIXES = ("dac khu ", "phuong ", "xa ")


@dataclass(frozen=True)
class Commune:
    code: int
    name: str                     # "Xã Cam Lâm", "Phường Nha Trang", "Đặc khu Trường Sa"
    kind: str                     # "xã", "phường", "đặc khu"


def fold(text: str) -> str:
    """Lower case, no diacritics (đ → d), single spaces: how people type on a phone keyboard."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", plain.lower()).strip()


def bare(text: str) -> str:
    folded = fold(text)
    for prefix in PREFIXES:
        if folded.startswith(prefix):
            return folded[len(prefix):]
    return folded


def all_units(province: int = KHANH_HOA) -> list[Commune]:
    from vietnam_provinces import ProvinceCode, Ward

    try:
        code = ProvinceCode(province)
    except ValueError:
        raise UsageError("visit.commune.bad_province", province=province) from None
    return [Commune(int(w.code.value), w.name, w.division_type.value) for w in Ward.iter_by_province(code)]


def resolve(text: str, province: int = KHANH_HOA) -> Commune:
    """The unit named: the code, the full or bare name, else a unique start of a name ("cam la" → Cam Lâm);
    several fits list every candidate ("cam" → the five Cam… units). A trailing ", Khánh Hòa" is allowed."""
    units = all_units(province)
    wanted = _without_province(text.strip(), province)
    if wanted.isdigit():
        match = [u for u in units if u.code == int(wanted)]
    else:
        match = ([u for u in units if fold(u.name) == fold(wanted)] or [u for u in units if bare(u.name) == bare(wanted)]
                 or _partial(wanted, units))
    if len(match) == 1:
        return match[0]
    if match:
        raise UsageError("visit.commune.ambiguous", text=text, candidates=_listing(match))
    raise UsageError("visit.commune.unknown", text=text, suggestions=_listing(_nearest(wanted, units)) or "—")


def _without_province(text: str, province: int) -> str:
    """"Cam Lâm, Khánh Hòa" / "Xã Cam Lâm, tỉnh Khánh Hòa" → "Cam Lâm" (only this province's name is dropped)."""
    head, _, tail = text.partition(",")
    if not tail:
        return text
    from vietnam_provinces import Province, ProvinceCode

    name = fold(Province.from_code(ProvinceCode(province)).name)
    where = re.sub(r"^(tinh|thanh pho|tp\.?) ", "", fold(tail))
    return head.strip() if where == bare(name) or where == name else text


def _partial(wanted: str, units: list[Commune]) -> list[Commune]:
    """Units whose bare name starts with the words typed, else contains them as whole words."""
    typed = bare(wanted)
    if not typed:
        return []
    starts = [u for u in units if bare(u.name).startswith(typed)]
    return starts or [u for u in units if f" {typed} " in f" {bare(u.name)} "]


def _nearest(wanted: str, units: list[Commune], count: int = 3) -> list[Commune]:
    names = {bare(u.name): u for u in units}
    close = difflib.get_close_matches(bare(wanted), list(names), n=count, cutoff=0.6)
    return [names[n] for n in close]


def _listing(units: list[Commune]) -> str:
    return "; ".join(f"{u.name} ({u.code})" for u in units)
