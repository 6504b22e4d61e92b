"""The seed article's records: the numbers the knowledge base promises, and a ledger that loses nothing."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from build_tools.problems import Problems
from build_tools.parse.catalog import load_catalog

ROOT = Path(__file__).resolve().parent.parent
SEED = Path("source_pt/backup-azure-vms-troubleshoot.md")


@pytest.fixture(scope="module")
def parsed():
    import os

    here = os.getcwd()
    os.chdir(ROOT)
    try:
        problems = Problems()
        catalog = load_catalog([SEED], problems)
    finally:
        os.chdir(here)
    return catalog, catalog.articles[0], problems


def entry(article, entry_id):
    return next(e for e in article.entries if e.id == entry_id)


def test_fourteen_distinct_codes(parsed):
    catalog, article, _ = parsed
    codes = {code for e in article.entries for code in e.codes}
    assert len(codes) == 14
    assert len(catalog.codes) == 14
    assert {"UserErrorFsFreezeFailed", "320001", "400094", "UserErrorBCMPremiumStorageQuotaError"} <= codes


def test_nine_heading_entries_and_twenty_five_table_rows(parsed):
    _, article, _ = parsed
    origins = Counter(e.origin for e in article.entries)
    assert origins == {"heading": 9, "table": 25}
    rows = Counter(e.category for e in article.entries if e.origin == "table")
    assert rows == {"common-vm-backup-errors": 10, "jobs": 4, "restore": 11}
    assert {e.category for e in article.entries if e.origin == "heading"} == {"backup"}
    assert [c.id for c in article.categories] == ["backup", "common-vm-backup-errors", "jobs", "restore"]
    assert [c.title_en for c in article.categories] == ["Backup", "Common VM backup errors", "Jobs", "Restore"]


def test_the_com_heading_has_three_codes_each_with_its_message(parsed):
    _, article, _ = parsed
    com = entry(article, "ExtensionSnapshotFailedCOM")
    assert com.codes == ("ExtensionSnapshotFailedCOM", "ExtensionInstallationFailedCOM", "ExtensionInstallationFailedMDTC")
    messages = {m.code: m.message for m in com.messages}
    assert messages["ExtensionSnapshotFailedCOM"].startswith("A operação de instantâneo falhou devido a um erro de COM+")
    # the merged line "Código de erro: Mensagem de erro ExtensionInstallationFailedMDTC: Falha na ..."
    assert messages["ExtensionInstallationFailedMDTC"].startswith("Falha na instalação da extensão.")
    assert com.line == 50 and com.anchor.startswith("extensionsnapshotfailedcom--")


def test_the_320001_row_carries_two_codes(parsed):
    catalog, article, _ = parsed
    row = entry(article, "320001")
    assert row.codes == ("320001", "400094") and row.origin == "table" and row.line == 164
    assert [m.message for m in row.messages] == [
        "Não foi possível executar a operação, pois a VM não existe mais.", "A máquina virtual não existe",
    ]
    assert catalog.codes["400094"] == "320001"


def test_restatements_are_linked_to_the_coded_entries(parsed):
    _, article, _ = parsed
    restated = {e.line: e.restates for e in article.entries if e.restates}
    assert restated == {169: "UserErrorVmNotInDesirableState", 171: "UserErrorFsFreezeFailed"}


def test_topics_and_their_subsections(parsed):
    _, article, _ = parsed
    topics = {t.id: t for t in article.topics}
    for wanted in ("backup-or-restore-takes-time", "vm-agent", "troubleshoot-vm-snapshot-issues", "networking"):
        assert topics[wanted].parent == "" and topics[wanted].level == 2
    assert topics["set-up-the-vm-agent"].parent == "vm-agent"
    assert topics["update-the-vm-agent"].parent == "vm-agent"
    assert topics["validate-vm-agent-installation"].parent == "vm-agent"
    assert topics["windows-vms"].parent == "set-up-the-vm-agent"
    assert topics["windows-vms-2"].parent == "update-the-vm-agent"
    assert topics["windows-vms-2"].anchor == "windows-vms"  # the source's duplicate anchor, kept as written


def test_duplicate_windows_vms_anchor_is_reported_and_nothing_worse(parsed):
    _, _, problems = parsed
    lines = [str(p) for p in problems]
    assert (
        "source_pt/backup-azure-vms-troubleshoot.md:219: notice: duplicate anchor 'windows-vms' "
        "(first at line 208); this one is 'windows-vms-2'"
    ) in lines
    assert not problems.errors and not problems.warnings, lines


def test_english_titles_come_from_the_anchor_slugs(parsed):
    _, article, _ = parsed
    assert entry(article, "UserErrorFsFreezeFailed").title_en == (
        "Failed to freeze one or more mount points of the VM to take a file system consistent snapshot"
    )
    assert entry(article, "UserErrorVmNotInDesirableState").title_en == "VM is not in a state that allows backups"
    assert entry(article, "ExtensionFailedVssWriterInBadState").title_en == (
        "Snapshot operation failed because VSS writers were in a bad state"
    )
    # the heading kept English text: the Portuguese title is the message
    copying = entry(article, "CopyingVHDsFromBackUpVaultTakingLongTime")
    assert copying.title_en == "Copying backed up data from vault timed out"
    assert copying.title == "Copiando dados de backup do cofre atingiu o tempo limite"


def test_links_are_classified(parsed):
    _, article, _ = parsed
    kinds = {(l.target, l.kind) for e in article.entries for l in e.links}
    assert ("#vm-agent", "anchor") in kinds
    assert ("backup-azure-vms-introduction.md#best-practices", "article") in kinds
    assert ("https://azure.microsoft.com/blog/resize-virtual-machines/", "external") in kinds
    anchors = dict(article.anchors)
    assert anchors["vm-agent"] == "topic:vm-agent"
    assert anchors["usererrorfsfreezefailed---failed-to-freeze-one-or-more-mount-points-of-the-vm-to-take-a-file-system-consistent-snapshot"] == "entry:UserErrorFsFreezeFailed"


def test_every_non_blank_line_is_owned_by_a_record(parsed):
    catalog, article, _ = parsed
    lines = (ROOT / SEED).read_text(encoding="utf-8").split("\n")
    owner_of: dict[int, str] = {}
    for span in article.ledger:
        for line in range(span.first, span.last + 1):
            assert line not in owner_of, f"line {line} is in two ledger ranges"
            owner_of[line] = span.owner
    valid = {"front-matter", "intro"}
    valid |= {f"entry:{e.id}" for e in article.entries}
    valid |= {f"topic:{t.id}" for t in article.topics}
    valid |= {f"category:{c.id}" for c in article.categories}
    unmapped = [n for n, text in enumerate(lines, start=1) if text.strip() and owner_of.get(n) not in valid]
    assert unmapped == []
    # spot checks: the ledger names the record a reader would expect
    assert owner_of[2] == "front-matter"
    assert owner_of[18] == "intro"
    assert owner_of[26] == "entry:CopyingVHDsFromBackUpVaultTakingLongTime"
    assert owner_of[58] == "entry:ExtensionSnapshotFailedCOM"
    assert owner_of[162] == "category:common-vm-backup-errors"  # the table header
    assert owner_of[164] == "entry:320001"
    assert owner_of[199] == f"entry:{next(e.id for e in article.entries if e.line == 199)}"
    assert owner_of[219] == "topic:windows-vms-2"
    # every record owns at least one line
    assert {f"entry:{e.id}" for e in article.entries} <= set(owner_of.values())
    assert {f"topic:{t.id}" for t in article.topics} <= set(owner_of.values())
