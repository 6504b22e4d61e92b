"""The identifiers of a segment and the check that its English keeps them.

An identifier is anything a reader copies or types and that a translation must
leave alone: error codes, inline code, URLs, registry keys and values, paths,
file names, host names, PowerShell cmdlets and variables, command-line flags,
and commands written in bold or quotes (``**tune2fs**``, ``'fsck'``,
``**MSIEXEC /UNREGISTER**``). ``identifiers`` finds them in Portuguese text;
``check_identifiers`` warns with ``path:line`` where the English lacks one.

A translation may repair an identifier the machine-translated source garbled
(``**unmount**`` for the Linux ``umount``). The translator says so in the PO
entry with a comment line ``corrected: unmount → umount``; the check then asks
for the corrected form instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..parse.codes import find_codes

_FILE_EXTENSIONS = (
    "exe|msi|dll|sys|conf|config|cfg|ini|json|xml|yml|yaml|md|txt|log|ps1|psm1|sh|bat|cmd|py|js|cs|reg|cer|crt|pfx"
    "|pem|vhd|vhdx|zip|cab|evtx|csv|bak|mdf|ldf"
)
_TLDS = "net|com|org|io|ms|gov|edu|local|internal|br"

# Alternatives are tried in order at each position; none can backtrack more than a bounded span.
_PATTERN = re.compile(
    r"```(?P<fence>[^`]{1,2000}?)```"
    r"|`(?P<code>[^`\n]{1,500})`"
    r"|\]\((?P<url>[^()\s]+(?:\([^()\s]*\)[^()\s]*)*)\)"
    r"|(?P<raw_url>https?://[^\s)<>\]]+)"
    r"|\*\*(?P<bold>[^*\n]{1,300}?)\*\*"
    r"|(?<![\w'])'(?P<single>[^'\n]{1,80})'(?!\w)"
    r"|(?<![\w\"=])[\"\u201c](?P<double>[^\"\u201c\u201d\n]{1,120})[\"\u201d](?![\w=])"
    r"|(?P<key>\bHKEY_[A-Z_]+(?:\\[\w.\-]+)*|\bHKLM(?:\\[\w.\-]+)+)"
    r"|(?P<path>(?<![\w/])/(?:[\w.\-]+/)+[\w.\-]*|\b[A-Za-z]:\\[\w.\\\-]+|%\w+%(?:\\[\w.\-]+)+)"
    r"|(?P<regvalue>\b(?:dword|qword|hex(?:\(\d\))?):[0-9A-Fa-f,]{1,64}|\bREG_[A-Z_]{2,20}\b)"
    r"|(?P<email>\b[\w.+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)"
    rf"|(?P<host>(?<![\w@/\-])\*?\.?[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:{_TLDS})\b(?![.\-]\w))"
    rf"|(?P<file>\b[\w\-]+\.(?:{_FILE_EXTENSIONS})\b)"
    r"|(?P<cmdlet>\b[A-Z][a-z]{1,14}-[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*\b)"
    r"|(?P<variable>(?<![\w$])\$[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)"
    r"|(?P<flag>(?<![\w\-])--?[A-Za-z][A-Za-z0-9\-]*\b)"
    r"|(?P<snake>\b[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+\b)"
    r"|(?P<alnum>\b[a-z]+[0-9]+[a-z0-9]*\b)"
    r"|(?P<version>\b\d+(?:\.\d+){2,}\b)"
)

KINDS = {
    "fence": "code", "url": "URL", "raw_url": "URL", "key": "registry key", "path": "path",
    "regvalue": "registry value", "email": "address", "host": "host name", "file": "file name",
    "cmdlet": "PowerShell cmdlet", "variable": "PowerShell variable", "flag": "flag", "snake": "name",
    "alnum": "name", "version": "version", "bold": "command", "single": "command", "double": "command",
    "code": "code",
}

# Portuguese clitics that a machine translation sometimes detaches ("certifique -se"): not flags.
_CLITICS = {"-se", "-lo", "-la", "-los", "-las", "-o", "-a", "-os", "-as", "-me", "-te", "-lhe", "-lhes", "-nos",
            "-vos", "-no", "-na", "-nas"}
_TECHNICAL = re.compile(
    r"[\\/$%=_@:<>|{}\[\]]"           # paths, variables, assignments, registry values, pipes
    r"|\.[A-Za-z0-9]"                 # file names, hosts, members
    r"|(?:^|\s)--?[A-Za-z]"           # flags
    r"|[a-z][A-Z]"                    # camelCase
    r"|[A-Za-z][0-9]|[0-9][A-Za-z]"   # tune2fs, x64
)
_COMMAND_WORDS = re.compile(
    r"\b(?:comando|comandos|cmdlet|cmdlets|command|commands|valor|value|par[âa]metro|parameter|utilit[áa]rio)\b",
    re.I,
)
_ASCII_WORD = re.compile(r"[a-z][a-z0-9]*")
_CORRECTION = re.compile(r"^\s*corrected:\s*(?P<old>.+?)\s*(?:→|->)\s*(?P<new>.+?)\s*$")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Identifier:
    value: str
    kind: str


def find_identifiers(text: str) -> list[Identifier]:
    """Every identifier of ``text`` in order, without repeats or pieces of a longer one."""
    found: list[tuple[int, Identifier]] = []
    for match in _PATTERN.finditer(text):
        group = match.lastgroup or ""
        value = match.group(group).strip()
        kind = KINDS[group]
        if group in ("bold", "single", "double"):
            value = _quoted_command(value, text, match.start(), match.end())
            if not value:
                continue
            alone = _PATTERN.fullmatch(value)
            if alone and alone.lastgroup not in ("bold", "single", "double"):
                kind = KINDS[alone.lastgroup or ""]   # **/var/lib/waagent** is a path, not a command
        elif group == "flag" and value.lower() in _CLITICS:
            continue
        found.append((match.start(), Identifier(_SPACE.sub(" ", value), kind)))
    found += [(text.find(code), Identifier(code, "code")) for code in find_codes(text)]
    out: dict[str, Identifier] = {}
    for _, item in sorted(found, key=lambda pair: pair[0]):
        if item.value and (not item.value.isdigit() or len(item.value) >= 5):
            out.setdefault(item.value, item)
    values = list(out)
    return [item for value, item in out.items() if not any(value != other and value in other for other in values)]


def identifiers(text: str) -> list[str]:
    """Codes, commands, paths, registry keys and values, hosts, files and URLs a translation must keep unchanged."""
    return [item.value for item in find_identifiers(text)]


def _quoted_command(value: str, text: str, start: int, end: int) -> str:
    """The content of a bold or quoted span when it is a command or value, else ''."""
    value = value.strip()
    if len(value) > 2 and value[0] in "'\"\u201c" and value[-1] in "'\"\u201d":
        value = value[1:-1].strip()   # **'fsck'**: the quotes are not part of the command
    if not value or not value.isascii():
        return ""
    if _TECHNICAL.search(value):
        return value
    if _ASCII_WORD.fullmatch(value):
        # A bare lowercase word is a command when the text calls it one: "o comando **fsck**", "**tune2fs** comando".
        nearby = text[max(0, start - 24):start] + " " + text[end:end + 24]
        if _COMMAND_WORDS.search(nearby):
            return value
    return ""


def corrections(comment: str) -> dict[str, str]:
    """``corrected: OLD → NEW`` lines of a translator comment, as ``{OLD: NEW}``."""
    out = {}
    for line in (comment or "").splitlines():
        match = _CORRECTION.match(line)
        if match:
            out[_SPACE.sub(" ", match.group("old"))] = _SPACE.sub(" ", match.group("new"))
    return out


def missing_identifiers(portuguese: str, english: str, comment: str = "") -> list[Identifier]:
    """The identifiers of ``portuguese`` that ``english`` lacks (corrections from ``comment`` applied)."""
    flat = _SPACE.sub(" ", english)
    fixed = corrections(comment)
    missing = []
    for item in find_identifiers(portuguese):
        wanted = fixed.get(item.value, item.value)
        if wanted not in flat:
            missing.append(item)
    return missing


def check_identifiers(article, translations, problems) -> None:
    """Warn (``path:line``) where the English of a segment lost or changed an identifier of its Portuguese."""
    from .po_files import segments

    for line, message in getattr(translations, "problems", ()):  # what could not be read of the catalog
        problems.warn(str(translations.path), line, message)
    for segment in segments(article):
        english, status = translations.get(segment.key, segment.text)
        if status == "missing" or not english:
            continue
        comment = translations.comment(segment.key)
        for item in missing_identifiers(segment.text, english, comment):
            fixed = corrections(comment).get(item.value)
            wanted = f"{fixed!r} (corrected from {item.value!r})" if fixed else repr(item.value)
            problems.warn(
                article.path, segment.line,
                f"English of {segment.key!r} lacks the {item.kind} {wanted}, which the Portuguese has; keep it "
                f"unchanged, or note a deliberate repair in the entry as '# corrected: {item.value} → ...'",
            )
