"""One grammar, two regular-expression engines.

The patterns of extract/ are written for the `regex` module, which has what some of
them need: REVERSE matching (bound words read backwards from a numeral), unbounded
look-behinds, \\p{Han}. The hottest ones, the candidate scan and the tail read after
each numeral (quantities.py), are written so that Python's own `re` compiles them too:
fixed-width look-behinds only, and the scan starts with one character class, which `re`
turns into a fast search loop. Per call and per character `re` is several times faster
on them than `regex`.

Both compilations of such a pattern give the same matches on every text made of
characters the two engines classify alike. They classify a few characters differently:

  word    \\w and \\b disagree: combining marks, superscript and circled digits (², ③),
          vulgar fractions (½), connector punctuation (‿), the zero-width joiners. The
          shared patterns test \\w only next to a Latin letter (an English number word,
          a scale word) or before a hyphen (a minus sign), so such a character matters
          only there.
  other   \\s, \\d or case-insensitive letters disagree: U+001C..U+001F, U+0131 (ı).
  astral  characters beyond U+FFFF are not checked one by one: any of them sends a
          text to `regex`.

`needs_regex` (through numbers.fold_scan) says when a text must be read with the
`regex` compilations. The table below is the union of what `disagreements()` computes
for the versions it was checked with (Python 3.11 / Unicode 14.0 with regex 2026.5.9 and
2026.11.19; newer regex releases follow newer Unicode versions and add characters).
tests/test_engines.py checks that it covers the installed versions; when it fails,
add the new ranges (`disagreements()` prints them), never remove old ones.
"""

from __future__ import annotations

import re

__all__ = ["UNSAFE_WORD", "UNSAFE_OTHER", "disagreements", "parse", "ranges_class"]

# BMP code point ranges, the union of disagreements() over the checked versions.
UNSAFE_WORD = """
00B2-00B3 00B9 00BC-00BE 0300-036F 0483-0489 0558 058B-058C 0591-05BD 05BF 05C1-05C2
05C4-05C5 05C7-05C9 0610-061A 064B-065F 0670 06D6-06DC 06DF-06E4 06E7-06E8 06EA-06ED
0711 0730-074A 07A6-07B0 07EB-07F3 07FD 0816-0819 081B-0823 0825-0827 0829-082D
0859-085B 088F 0897-089F 08CA-08E1 08E3-0903 093A-093C 093E-094F 0951-0957 0962-0963
0981-0983 09BC 09BE-09C4 09C7-09C8 09CB-09CD 09D7 09E2-09E3 09F4-09F9 09FE 0A01-0A03
0A3C 0A3E-0A42 0A47-0A48 0A4B-0A4D 0A51 0A70-0A71 0A75 0A81-0A83 0ABC 0ABE-0AC5
0AC7-0AC9 0ACB-0ACD 0AE2-0AE3 0AFA-0AFF 0B01-0B03 0B3C 0B3E-0B44 0B47-0B48 0B4B-0B4D
0B53-0B57 0B62-0B63 0B72-0B77 0B82 0BBE-0BC2 0BC6-0BC8 0BCA-0BCD 0BD7 0BF0-0BF2
0C00-0C04 0C3C 0C3E-0C44 0C46-0C48 0C4A-0C4D 0C55-0C56 0C5C 0C62-0C63 0C78-0C7E
0C81-0C83 0CBC 0CBE-0CC4 0CC6-0CC8 0CCA-0CCD 0CD5-0CD6 0CDC 0CE2-0CE3 0CF3 0D00-0D03
0D3B-0D3C 0D3E-0D44 0D46-0D48 0D4A-0D4D 0D57-0D5E 0D62-0D63 0D70-0D78 0D81-0D83 0DCA
0DCF-0DD4 0DD6 0DD8-0DDF 0DF2-0DF3 0E31 0E34-0E3A 0E47-0E4E 0EB1 0EB4-0EBC 0EC8-0ECE
0F18-0F19 0F2A-0F33 0F35 0F37 0F39 0F3E-0F3F 0F71-0F84 0F86-0F87 0F8D-0F97 0F99-0FBC
0FC6 102B-103E 1056-1059 105E-1060 1062-1064 1067-106D 1071-1074 1082-108D 108F
109A-109D 135D-135F 1369-137C 1712-1715 1732-1734 1752-1753 1772-1773 17B4-17D3 17DD
17F0-17F9 180B-180D 180F 1885-1886 18A9 1920-192B 1930-193B 19DA 1A17-1A1B 1A55-1A5E
1A60-1A7C 1A7F 1AB0-1AF0 1B00-1B04 1B34-1B44 1B6B-1B73 1B80-1B82 1BA1-1BAD 1BE6-1BF3
1C24-1C37 1C89-1C8A 1CD0-1CD2 1CD4-1CE8 1CED 1CF4 1CF7-1CF9 1DC0-1DFF 200C-200D
203F-2040 2054 2070 2074-2079 2080-2089 208F 209D-209F 20D0-20F0 2150-215F 2189
2460-249B 24B6-24FF 2776-2793 2CEF-2CF1 2CFD 2D7F 2DE0-2DFF 302A-302F 3099-309A
3192-3195 3220-3229 3248-324F 3251-325F 3280-3289 32B1-32BF A66F-A672 A674-A67D
A69E-A69F A6F0-A6F1 A7CB-A7CF A7D2 A7D4 A7DA-A7DD A7E2 A7F1 A802 A806 A80B A823-A827
A82C A830-A835 A880-A881 A8B4-A8C5 A8E0-A8F1 A8FF A926-A92D A947-A953 A980-A983
A9B3-A9C0 A9E5 AA29-AA36 AA43 AA4C-AA4D AA7B-AA7D AAB0 AAB2-AAB4 AAB7-AAB8 AABE-AABF
AAC1 AAEB-AAEF AAF5-AAF6 AB6C-AB6D ABE3-ABEA ABEC-ABED FB1E FE00-FE0F FE20-FE2F
FE33-FE34 FE4D-FE4F FF3F
"""
UNSAFE_OTHER = "001C-001F 0131"


def parse(table: str) -> list[tuple[int, int]]:
    out = []
    for item in table.split():
        a, _, b = item.partition("-")
        out.append((int(a, 16), int(b or a, 16)))
    return out


def ranges_class(table: str) -> str:
    """The body of a character class (for either engine) matching the ranges of `table`."""
    return "".join(
        f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in parse(table)
    )


def disagreements(last: int = 0xFFFF) -> tuple[str, str]:
    """(word, other): the code points up to `last` that `re` and `regex` classify
    differently, as range tables in the format above. Slow (a second for the BMP)."""
    import regex

    def both(p):
        return re.compile(p).match, regex.compile(p).match

    w, b1, b2 = both(r"\w"), both(r"a\b"), both(r"\ba")
    checks = [both(p) for p in (r"\d", r"\s", r"(?i)[a-z]")]
    letters = [both("(?i)" + c) for c in "abcdefghijklmnopqrstuvwxyz"]
    word, other = [], []
    for cp in range(last + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        bad = any(bool(x(c)) != bool(y(c)) for x, y in checks)
        if not bad and any("a" <= ch <= "z" for ch in (c.lower() + c.upper() + c.casefold()).lower()):
            bad = any(bool(x(c)) != bool(y(c)) for x, y in letters)
        if bad:
            other.append(cp)
        elif (bool(w[0](c)) != bool(w[1](c)) or bool(b1[0]("a" + c)) != bool(b1[1]("a" + c))
              or bool(b2[0](c + "a", 1)) != bool(b2[1](c + "a", 1))):
            word.append(cp)
    return _format(word), _format(other)


def _format(cps: list[int]) -> str:
    rng: list[list[int]] = []
    for cp in cps:
        if rng and rng[-1][1] == cp - 1:
            rng[-1][1] = cp
        else:
            rng.append([cp, cp])
    items = [f"{a:04X}" if a == b else f"{a:04X}-{b:04X}" for a, b in rng]
    lines, line = [], ""
    for it in items:
        if len(line) + len(it) + 1 > 88:
            lines.append(line)
            line = ""
        line = f"{line} {it}" if line else it
    lines.append(line)
    return "\n" + "\n".join(lines) + "\n"
