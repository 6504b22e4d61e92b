"""Commands, paths, registry keys and values in inline text, as code spans.

The source (a machine translation) marks a command in bold, or not at all:
``**tune2fs -l/dev/sdb1 \\** .| grep **deestadodosistemadearquivos**``. This
module rewrites markdown-it inline tokens so that what is recognisably a
command (a known command word, a path, ``HKLM\\...``, a ``-flag``, a registry
value) renders as ``<code>``, in both languages alike; words in bold that are
not one of those stay bold. It only changes how text is shown: translation,
search and the identifier check still read the source as written.

Every pattern here is anchored or bounded by a character class, so matching
is linear in the length of the text.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

COMMAND_WORDS = frozenset("""
    tune2fs fsck mount umount unmount grep cat ls chmod chown sudo systemctl service apt yum zypper
    waagent regedit msiexec icacls net netsh sc reg vssadmin powershell cmd ipconfig nslookup ping
    tracert diskpart bcdedit wmic certutil robocopy
""".split())
"""Command words: a bold span whose first word is one of these is a command."""

GREP_FIELDS = {"tune2fs": "Filesystem state"}
"""The output line a step greps for, per command. The machine translation translated the
grep pattern (``grep deestadodosistemadearquivos``), which then matches nothing; the tool
prints this English label whatever the reader's language."""

_CMDLET = re.compile(r"(?:\$\w+\s*=\s*)?[A-Z][a-z]+-[A-Z][A-Za-z]+(?:\s|$)")
"""PowerShell: ``Get-AzureDeployment ...``, also after ``$variable =``."""
_PATH = re.compile(r"(?:[A-Za-z]:\\|%\w+%\\|\\\\\w|/(?:etc|var|usr|opt|dev|home|tmp|lib|bin|sbin|mnt|proc)/)")
"""A Windows path, an environment-variable path, a UNC path or a Unix system path (at the start)."""
_REGISTRY = re.compile(r"(?:HKLM|HKCU|HKCR|HKU|HKEY_[A-Z_]+)\\")
_REG_VALUE = re.compile(r"\"?\w+\"?\s*=\s*(?:dword|qword|hex|sz|expand_sz|multi_sz):\w*\Z", re.I)
_FLAG = re.compile(r"-[A-Za-z]\w*(?:\s|$)")
_FILE = re.compile(r"[\w.-]+\.(?:exe|msi|ps1|sh|bat|cmd|conf|cfg|log|dll|sys)\Z", re.I)
_SUFFIX = re.compile(r"\.[a-z0-9-]+(?:\.[a-z0-9-]+)+\Z", re.I)
"""A DNS suffix on its own: ``.cloudapp.net``."""

_PLAIN = re.compile(
    r"(?<![\w\\/%.:-])(?:"
    r"(?:[A-Za-z]:\\|%\w+%\\)[^\s<>()\[\]`*|,;]+"              # C:\Packages\..., %systemdrive%\...
    r"|(?:HKLM|HKCU|HKCR|HKEY_[A-Z_]+)\\[^\s<>()\[\]`*|,;]+"    # HKEY_LOCAL_MACHINE\...
    r"|/(?:etc|var|usr|opt|dev|home|tmp|lib|bin|sbin|mnt|proc)/[\w./-]*[\w/]"  # /etc/azure/vmbackup.conf
    r")"
)
"""Paths and registry keys written as plain words; a trailing full stop stays text."""

_PIPE = re.compile(r"\s*\.?\s*\|\s*grep\s*\Z")
"""What the translation left between a command and its grep pattern: `` .| grep ``."""


def is_command(text: str) -> bool:
    """Whether a bold span's text is recognisably a command, path, registry key or value."""
    text = text.strip().strip("'\u2018\u2019")
    if not text or "\n" in text or len(text) > 300:
        return False
    first = text.split()[0].lower()
    if first.endswith(".exe"):
        first = first[:-4]
    return (first in COMMAND_WORDS or bool(_CMDLET.match(text) or _PATH.match(text) or _REGISTRY.match(text)
            or _REG_VALUE.match(text) or _FLAG.match(text) or _FILE.match(text) or _SUFFIX.match(text)))


def command_text(text: str) -> str:
    """The command as it is run: quotes around it, a flag glued to its path and a dangling ``\\`` removed."""
    text = text.strip().strip("'\u2018\u2019").rstrip("\\").strip()
    text = re.sub(r"(?<=\s)(-[A-Za-z])(?=/)", r"\1 ", text)
    if _CMDLET.match(text):
        # two PowerShell statements that the source put on one line, apart only by spaces
        text = re.sub(r"\s{3,}(?=[A-Z][a-z]+-[A-Z])", "; ", text)
    return re.sub(r"\s{2,}", " ", text)


def code_token(content: str) -> Token:
    token = Token("code_inline", "code", 0)
    token.markup = "`"
    token.content = content
    return token


def text_token(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def commands_as_code(children: list[Token]) -> list[Token]:
    """Inline tokens with commands in bold, and paths or registry keys in plain text, turned into code."""
    out: list[Token] = []
    i = 0
    depth = 0  # inside a link: leave its label alone
    n = len(children)
    while i < n:
        child = children[i]
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            depth -= 1
        bold = _bold_text(children, i)
        if not depth and bold is not None and is_command(bold):
            piped = _pipeline(children, i + 3, bold)
            if piped is not None:
                command, i = piped
                out.append(code_token(command))
                continue
            out.append(code_token(command_text(bold)))
            i += 3
            continue
        if not depth and child.type == "text" and ("\\" in child.content or "/" in child.content):
            out.extend(_plain_paths(child))
        else:
            out.append(child)
        i += 1
    return out


def _bold_text(children: list[Token], i: int) -> str | None:
    """The text of ``**text**`` starting at ``children[i]``, when it is plain text only."""
    if (i + 2 < len(children) and children[i].type == "strong_open" and children[i + 1].type == "text"
            and children[i + 2].type == "strong_close"):
        return children[i + 1].content
    return None


def _pipeline(children: list[Token], at: int, bold: str) -> tuple[str, int] | None:
    """``**cmd \\** .| grep **pattern**``: one command, and the index after it; None otherwise."""
    word = command_text(bold).split()[0].lower() if command_text(bold) else ""
    if word not in COMMAND_WORDS or at >= len(children) or children[at].type != "text":
        return None
    if not _PIPE.match(children[at].content):
        return None
    pattern = _bold_text(children, at + 1)
    if pattern is None:
        return None
    grep = GREP_FIELDS.get(word, pattern.strip())
    return f'{command_text(bold)} | grep "{grep}"', at + 4


def _plain_paths(child: Token) -> list[Token]:
    text = child.content
    out: list[Token] = []
    last = 0
    for match in _PLAIN.finditer(text):
        value = match.group(0).rstrip(".")
        if match.start() > last:
            out.append(text_token(text[last:match.start()]))
        out.append(code_token(value))
        last = match.start() + len(value)
    if not out:
        return [child]
    if last < len(text):
        out.append(text_token(text[last:]))
    return out
