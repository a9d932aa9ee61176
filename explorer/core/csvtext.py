"""The text of a CSV file as Windows and Linux users save it: the encoding detected, never
guessed silently, and the line ends and separator made uniform for the csv module.

Accepted, in this order of detection:

- UTF-8 with a byte-order mark (Excel's "CSV UTF-8"), UTF-16 LE or BE with one (Excel's
  "Unicode Text", tab-separated);
- UTF-8 without one (every Linux tool; plain ASCII is UTF-8);
- Windows-1252 (Excel's plain "CSV" on a Western Windows): only when the bytes are not UTF-8,
  contain no UTF-8 text at all (a file mixing the two is refused, naming the line) and use no
  byte that Windows-1252 leaves undefined. The caller is told (``CsvText.encoding``) and says
  so, with the first non-ASCII character read, so a wrong reading is seen at once.

UTF-16 without a byte-order mark is refused with a message saying how to save the file again.
CRLF and CR line ends become LF (the line numbers of messages are the ones an editor shows);
the separator is a comma unless the header line has none and has tabs or semicolons.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .errors import DataError, Problem

UTF8 = "UTF-8"
UTF8_BOM = "UTF-8 with BOM"
UTF16LE_BOM = "UTF-16 LE with BOM"
UTF16BE_BOM = "UTF-16 BE with BOM"
CP1252 = "Windows-1252"

_SEPARATORS = {",": "comma", "\t": "tab", ";": "semicolon"}
# A valid multi-byte UTF-8 sequence: in a file that is not UTF-8 as a whole, a sign of mixed text
_UTF8_SEQ = re.compile(rb"[\xC2-\xDF][\x80-\xBF]|[\xE0-\xEF][\x80-\xBF]{2}|[\xF0-\xF4][\x80-\xBF]{3}")
_SAVE_AGAIN = "save it again as \u201cCSV UTF-8\u201d"


@dataclass(frozen=True)
class CsvText:
    text: str                # LF line ends, no byte-order mark
    encoding: str            # one of the names above
    delimiter: str = ","
    line_ends: str = "LF"    # LF, CRLF, CR or mixed, as in the file
    first_non_ascii: tuple[str, int] | None = None  # (character, line) for a Windows-1252 reading

    def describe(self) -> str:
        """How the file was read, for a status bar: "Windows-1252 (first non-ASCII: 'é' on line
        4), CRLF line ends"; plain UTF-8 with LF and commas is just "UTF-8"."""
        out = self.encoding
        if self.first_non_ascii is not None:
            ch, line = self.first_non_ascii
            out += f" (first non-ASCII: {ch!r} on line {line})"
        if self.delimiter != ",":
            out += f", {_SEPARATORS[self.delimiter]}-separated"
        if self.line_ends != "LF":
            out += f", {self.line_ends} line ends"
        return out


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column of a byte of an ASCII-compatible encoding (CR, LF and CRLF end a line)."""
    line = data.count(b"\n", 0, offset) + data.count(b"\r", 0, offset) - data.count(b"\r\n", 0, offset) + 1
    start = max(data.rfind(b"\n", 0, offset), data.rfind(b"\r", 0, offset)) + 1
    return line, offset - start + 1


def _text_line_col(text: str) -> tuple[int, int]:
    """Line and column just after ``text`` (a decoded prefix)."""
    line = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
    start = max(text.rfind("\n"), text.rfind("\r")) + 1
    return line, len(text) - start + 1


def _line_ends(text: str) -> str:
    crlf = text.count("\r\n")
    cr, lf = text.count("\r") - crlf, text.count("\n") - crlf
    kinds = [k for k, n in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if n]
    return kinds[0] if len(kinds) == 1 else "LF" if not kinds else "mixed"


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    if "," in header:
        return ","
    best = max(("\t", ";"), key=header.count)
    return best if header.count(best) else ","


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        body, enc, codec = data[3:], UTF8_BOM, "utf-8"
    elif data.startswith(codecs.BOM_UTF16_LE):
        body, enc, codec = data[2:], UTF16LE_BOM, "utf-16-le"
    elif data.startswith(codecs.BOM_UTF16_BE):
        body, enc, codec = data[2:], UTF16BE_BOM, "utf-16-be"
    else:
        body, enc, codec = data, UTF8, "utf-8"
        head = body[:4096]
        if head.count(b"\x00") * 4 > len(head):  # ASCII in UTF-16 is valid UTF-8, NULs between
            raise DataError(Problem(name, None, None, f"looks like UTF-16 without a byte-order mark; {_SAVE_AGAIN}"))
    try:
        return body.decode(codec), enc
    except UnicodeDecodeError as e:
        if codec != "utf-8":
            line, col = _text_line_col(body[:e.start - e.start % 2].decode(codec, "replace"))
            what = "an odd number of bytes" if e.reason == "truncated data" else "a broken character"
            raise DataError(Problem(name, line, col, f"not {enc} text ({what}); {_SAVE_AGAIN}")) from None
        bad = e
    line, col = _line_col(body, bad.start)
    byte = f"byte 0x{body[bad.start]:02x}"
    if enc == UTF8_BOM:
        raise DataError(Problem(name, line, col, f"marked as UTF-8 but {byte} is not UTF-8; {_SAVE_AGAIN}"))
    # not UTF-8: Windows-1252, or a mix
    mixed = _UTF8_SEQ.search(body)
    if mixed is not None:
        ml, _ = _line_col(body, mixed.start())
        raise DataError(Problem(name, line, col, f"{byte} is not UTF-8, but line {ml} is UTF-8 text: "
                                                 f"the file mixes two encodings; {_SAVE_AGAIN}"))
    try:
        return body.decode("cp1252"), CP1252
    except UnicodeDecodeError as e:
        line, col = _line_col(body, e.start)
        raise DataError(Problem(name, line, col, f"neither UTF-8 nor Windows-1252 text (byte "
                                                 f"0x{body[e.start]:02x}); {_SAVE_AGAIN}")) from None


def decode_csv(data: bytes, name: str) -> CsvText:
    """The text of a CSV file's bytes (see the module's notes); a DataError naming the file,
    line and column when they are not text in an encoding read here."""
    text, enc = _decode(data, name)
    ends = _line_ends(text)
    if ends != "LF":
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    first = None
    if enc == CP1252:
        m = re.search(r"[^\x00-\x7f]", text)
        if m is not None:
            first = (m.group(0), text.count("\n", 0, m.start()) + 1)
    return CsvText(text, enc, _delimiter(text), ends, first)


def csv_header(reader, name: str) -> list[str]:
    """The header row of ``reader`` (a csv.reader), each name trimmed and in lower case, a
    byte-order mark dropped; a located DataError when it cannot be read."""
    import csv
    try:
        return [h.strip().lstrip("\ufeff").lower() for h in next(reader, [])]
    except csv.Error as e:
        raise DataError(Problem(name, 1, None, f"not a readable CSV file: {e}")) from None


def csv_rows(reader, name: str, problems: list, max_rows: int):
    """(line, row) for each row after the header that is not empty; an unreadable row, or a row
    past ``max_rows``, adds its Problem to ``problems`` and ends the rows."""
    import csv
    line, count = reader.line_num, 0
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            problems.append(Problem(name, start, None, f"not a readable CSV row: {e}"))
            return
        line = reader.line_num
        if not any(c.strip() for c in row):
            continue
        count += 1
        if count > max_rows:
            problems.append(Problem(name, start, None, f"more than {max_rows:,} rows"))
            return
        yield start, row
