"""Property-based tests: articles generated from the grammar real articles use, and arbitrary input.

The grammar: code headings (``### Code - texto``, ``A / B``, a code alone over a
message table), ``Código de erro:`` / ``Mensagem de erro:`` lines (plain or
bold), error tables (labelled cells, a code column, ids inside messages; with
or without outer pipes), topics with lists and notes, LF or CRLF. Whatever the
combination, every code put in comes out in exactly one entry and no line is
left out of the ledger. Arbitrary text and bytes never raise.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.parse.codes import fold
from build_tools.parse.article import parse_article
from build_tools.problems import Problems
from build_tools.parse.source import read_article

SETTINGS = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "120")),  # raise it for a longer hunt
    deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow],
)

WORDS = (
    "a operação falhou porque o disco está cheio verifique rede agente cofre instantâneo não foi possível "
    "concluir máquina virtual backup restauração extensão serviço conta armazenamento tente novamente depois "
    "reinicie política grupo recursos configuração permissão volume limite tempo"
).split()
CAPITALS = "Disk Vault Agent Snapshot Policy Network Quota Restore Extension Writer State Timeout Cache Token".split()


def sentence() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(WORDS), min_size=2, max_size=9).map(lambda w: " ".join(w).capitalize() + ".")


def camel() -> st.SearchStrategy[str]:
    return st.tuples(
        st.sampled_from(["UserError", "Extension", "Backup", "Sal"]),
        st.lists(st.sampled_from(CAPITALS), min_size=2, max_size=3),
    ).map(lambda t: t[0] + "".join(t[1]))


CODE = st.one_of(
    camel(),
    st.integers(100_000, 999_999).map(str),
    st.integers(0x8000_0000, 0x8FFF_FFFF).map(lambda n: f"0x{n:08X}"),
)


def slug(text: str) -> str:
    return "-".join(fold(text).strip(".").split())[:40]


@st.composite
def heading_entry(draw, codes: list[str]) -> tuple[str, list[str]]:
    """One error under a heading, in one of the layouts articles use, and the codes it carries."""
    style = draw(st.sampled_from(["heading", "labels", "both", "bold", "code-only"]))
    level = draw(st.sampled_from(["##", "###"]))
    message = draw(sentence())
    anchor = f'<a name="{slug(" ".join(codes))}"></a>' if draw(st.booleans()) else ""
    steps = draw(sentence())
    if style == "code-only":
        codes = codes[:1]
        pipes = draw(st.booleans())
        table = (
            ["| Mensagem de erro | Ação recomendada |", "|---|---|", f"| {message} | {steps} |"] if pipes
            else ["Mensagem de erro | Ação recomendada", "-- | --", f"{message} | {steps}"]
        )
        return "\n".join([f"{level} {anchor}{codes[0]}", "", *table, ""]), codes
    if style == "heading":
        return "\n".join([f"{level} {anchor}{' / '.join(codes)} - {message}", "", steps, ""]), codes
    title = draw(sentence()).rstrip(".")
    heading = f"{level} {anchor}{' / '.join(codes)} - {title}" if style == "both" else f"{level} {anchor}{title}"
    code_label, message_label = ("**Código de erro**:", "**Mensagem de erro**:") if style == "bold" else (
        "Código de erro:", "Mensagem de erro:")
    labels = []
    for code in codes:
        labels += [f"{code_label} {code} <br/>", f"{message_label} {draw(sentence())}", ""]
    return "\n".join([heading, "", *labels, steps, ""]), codes


@st.composite
def error_table(draw, rows: list[list[str]]) -> str:
    """A section holding an error table whose rows carry the given codes."""
    style = draw(st.sampled_from(["labelled", "code-column", "inline-id"]))
    pipes = draw(st.booleans())
    lines = []
    if style == "labelled":
        header = ["Detalhes do erro", "Solução alternativa"]
        for codes in rows:
            cell = " <br/> <br/> ".join(f"Código de erro: {c} <br/> Mensagem de erro: {draw(sentence())}" for c in codes)
            lines.append([cell, draw(sentence())])
    elif style == "code-column":
        header = ["Código do erro", "Mensagem", "Ação recomendada"]
        lines = [[", ".join(codes), draw(sentence()), draw(sentence())] for codes in rows]
    else:
        header = ["Erro", "Ações recomendadas"]
        lines = [[f"{draw(sentence())} {' '.join(inline(c) for c in codes)}", draw(sentence())] for codes in rows]
    body = [header, ["---"] * len(header), *lines]
    table = [(f"| {' | '.join(r)} |" if pipes else " | ".join(r)) for r in body]
    return "\n".join([f"## {draw(sentence()).rstrip('.')}", "", *table, ""])


def inline(code: str) -> str:
    """A code written inside a message, the way the corpus does it."""
    if code.isdigit():
        return f"(ID: {code})"
    return f"[{code}]" if code.startswith("0x") else f"ErrorCode-{code}"


@st.composite
def topic(draw) -> str:
    title = draw(sentence()).rstrip(".")
    body = draw(st.sampled_from(["paragraph", "list", "note"]))
    text = draw(sentence())
    block = {"paragraph": text, "list": f"* {text}\n* {draw(sentence())}", "note": f"> [!NOTE]\n> {text}"}[body]
    return f"## {title}\n\n{block}\n"


@st.composite
def article(draw) -> tuple[str, set[str]]:
    """A generated article and the codes written into it."""
    codes = draw(st.lists(CODE, min_size=1, max_size=14, unique_by=lambda c: c.lower()))
    pieces: list[str] = []
    expected: set[str] = set()
    pool = list(codes)
    while pool:
        kind = draw(st.sampled_from(["heading", "table", "topic"]))
        if kind == "topic":
            pieces.append(draw(topic()))
            continue
        take = draw(st.integers(1, min(3, len(pool))))
        chunk, pool = pool[:take], pool[take:]
        if kind == "heading":
            piece, used = draw(heading_entry(chunk))
            pool = [c for c in chunk if c not in used] + pool  # a code-only heading carries one code
        else:
            piece, used = draw(error_table([chunk[i:i + 2] for i in range(0, len(chunk), 2)])), chunk
        expected.update(used)
        pieces.append(piece)
    front = "---\ntitle: Artigo gerado\n---\n" if draw(st.booleans()) else ""
    text = front + "# Artigo gerado\n\n" + "\n".join(pieces)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text, expected


def parse_text(data: bytes):
    problems = Problems()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "artigo.md"
        path.write_bytes(data)
        article = parse_article(path, problems)
    return article, problems


def text_as_read(data: bytes) -> list[str]:
    """The article's lines as the parser reads them (decoded, LF, control characters reported and blanked)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "artigo.md"
        path.write_bytes(data)
        return (read_article(path, Problems()) or "").split("\n")


@SETTINGS
@given(article())
def test_every_code_written_comes_out_in_exactly_one_entry(generated):
    text, expected = generated
    parsed, problems = parse_text(text.encode("utf-8"))
    assert parsed is not None, [str(p) for p in problems]
    assert not problems.errors and not problems.warnings, [str(p) for p in problems]
    counts = Counter(code for entry in parsed.entries for code in entry.codes)
    assert set(counts) == expected
    assert all(n == 1 for n in counts.values()), counts
    assert [span for span in parsed.ledger if span.owner == "unmapped"] == []
    for entry in parsed.entries:
        assert entry.title.strip(), entry
        assert {m.code for m in entry.messages} >= set(entry.codes)


FRAGMENTS = st.sampled_from([
    "# Título", "## <a name=\"x\"></a>UserErrorFoo - bar", "### 320001", "| Detalhes do erro | Solução alternativa |",
    "| --- | --- |", "|---|", "| a | b | c |", "a | b", "Código de erro: Mensagem de erro UserErrorBar: texto",
    "Código de erro:", "**Mensagem de erro**: (ID: 1234)", "<ol><li>um", "</ol>", "</li></ul>", "<br/>", "> [!NOTE]",
    "> > > citação", "```", "~~~", "    código", "<!--", "-->", "<script>x</script>", "---", "* item", "  * sub",
    "1. passo", "[link](#ancora)", "[ref]: http://x", "<a name='q\"uote'></a>", "", "\t", "\\|", "0x80070570",
])


@SETTINGS
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=60), st.sampled_from(["\n", "\r\n", "\r"]))
def test_any_mix_of_markdown_fragments_never_raises(lines, newline):
    data = newline.join(lines).encode("utf-8", "surrogatepass")
    parsed, problems = parse_text(data)
    if parsed is None:
        assert problems.errors
    else:
        text_lines = text_as_read(data)
        owned = {n for span in parsed.ledger for n in range(span.first, span.last + 1)}
        lost = [n for n, line in enumerate(text_lines, 1) if line.strip() and n not in owned]
        assert lost == [], "a non-blank line is neither in a record nor reported as unmapped"


@SETTINGS
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_raise(data):
    parsed, problems = parse_text(data)
    assert parsed is not None or problems.errors


@SETTINGS
@given(article())
def test_parsing_is_deterministic(generated):
    text, _ = generated
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "artigo.md"
        path.write_text(text, encoding="utf-8")
        p1, p2 = Problems(), Problems()
        first, second = parse_article(path, p1), parse_article(path, p2)
    assert first == second and [str(p) for p in p1] == [str(p) for p in p2]
