"""The offline bundle: the ``.html``-linked site, ``lookup.py`` and ``README.txt``, zipped reproducibly with its checksum.

Same commit in, same bytes out: entries are sorted, every timestamp is the
build's ``SOURCE_DATE_EPOCH`` (see ``build_date.source_date_epoch``), permissions are
fixed, and nothing in the archive depends on the folder it was built in.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
import zipfile
from pathlib import Path

from .build_date import source_date_epoch

NAME = "azure-backup-errors-offline"
ZIP_EPOCH = 315532800  # 1980-01-01: a zip cannot hold an earlier time
LOOKUP_SOURCE = Path(__file__).parent.parent / "terminal" / "lookup.py"
LOOKUP_MODULES = ("code_match.py", "code_suggest.py", "plain_text.py", "plain_inline.py")
"""What lookup.py imports, shipped next to it: the matching rule, the suggestions and the plain-text rendering."""
SKIPPED_SUFFIXES = (".map",)
"""Source maps of the theme's scripts: only a browser's developer tools ask for them."""
SKIPPED_NAMES = {"404.html"}
"""Only a web server shows it (for any missing path, so its links are root-absolute): from file:// it is broken."""
THEME_SEARCH_DIRS = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
"""The theme's own search engine (a third of the zip): shipped only when a page has the theme's search box."""
EXECUTABLE = {"lookup.py"}


def version(root: Path) -> str:
    """The project version from pyproject.toml."""
    import tomllib

    with open(root / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def zip_time(epoch: int) -> tuple[int, int, int, int, int, int]:
    """A zip entry's date and time (UTC) for a Unix time, clamped to what the format can hold."""
    return time.gmtime(max(epoch, ZIP_EPOCH))[:6]


def readme_text(top: str, feed: dict) -> str:
    """README.txt of the bundle: how to open it, how to look a code up, in both languages."""
    errors = len(feed.get("errors", []))
    codes = len(feed.get("codes", {}))
    return f"""\
{top}
{"=" * len(top)}

Erros de backup de VMs do Azure, em português e em inglês: {errors} erros, {codes} códigos.
Azure VM backup errors, in Portuguese and English: {errors} errors, {codes} codes.
As páginas não carregam nada da internet; só os links para outros artigos do Azure precisam dela.
The pages load nothing from the internet; only links to other Azure articles need it.


PORTUGUÊS

Abrir no navegador
  Descompacte o arquivo em qualquer pasta e abra index.html no navegador (duplo
  clique, ou file:///caminho/da/pasta/index.html). Navegação, páginas de erro,
  pesquisa e o botão English/Português funcionam sem internet.

Pesquisar um código no navegador
  Abra go.html?code=<código>, por exemplo
    file:///caminho/da/pasta/go.html?code=UserErrorFsFreezeFailed
  Acrescente &lang=en para abrir a página em inglês.

Pesquisar um código no terminal (Python 3.8 ou mais novo; nada a instalar)
  python3 lookup.py UserErrorFsFreezeFailed           o erro e os passos da resolução
  python3 lookup.py --lang en UserErrorFsFreezeFailed o mesmo, em inglês
  python3 lookup.py freeze                            os erros que mencionam "freeze"
  python3 lookup.py --help
  No Windows: py lookup.py ... (ou python lookup.py ...).

Dados
  errors.json traz todos os erros nos dois idiomas; o formato está em errors.schema.json.


ENGLISH

Open in a browser
  Unzip the archive into any folder and open index.html in a browser (double
  click, or file:///path/to/the/folder/index.html). Navigation, error pages,
  search and the English/Português button work without internet.

Look up a code in a browser
  Open go.html?code=<code>, for example
    file:///path/to/the/folder/go.html?code=UserErrorFsFreezeFailed
  Add &lang=en to open the page in English.

Look up a code in a terminal (Python 3.8 or later; nothing to install)
  python3 lookup.py UserErrorFsFreezeFailed           the error and its resolution steps
  python3 lookup.py --lang en UserErrorFsFreezeFailed the same, in English
  python3 lookup.py freeze                            the errors that mention "freeze"
  python3 lookup.py --help
  On Windows: py lookup.py ... (or python lookup.py ...).

Data
  errors.json holds every error in both languages; its shape is in errors.schema.json.


Checksum / Soma de verificação
  sha256sum -c {top}.zip.sha256
  Windows (PowerShell): Get-FileHash {top}.zip -Algorithm SHA256
"""


def add_extras(root: Path, offline_dir: Path, top: str) -> None:
    """Put ``lookup.py`` (with the modules it imports) and ``README.txt`` next to the offline site's ``errors.json``."""
    feed = json.loads((offline_dir / "errors.json").read_text(encoding="utf-8"))
    shutil.copyfile(LOOKUP_SOURCE, offline_dir / "lookup.py")
    for name in LOOKUP_MODULES:
        shutil.copyfile(LOOKUP_SOURCE.with_name(name), offline_dir / name)
    (offline_dir / "README.txt").write_text(readme_text(top, feed), encoding="utf-8", newline="\n")


def bundled(offline_dir: Path) -> list[Path]:
    """The files of the offline site that go into the zip, sorted by their path in it."""
    theme_search = any('data-md-component="search"' in page.read_text(encoding="utf-8")
                       for page in offline_dir.rglob("*.html"))
    files = []
    for path in offline_dir.rglob("*"):
        name = path.relative_to(offline_dir).as_posix()
        if not path.is_file() or name.endswith(SKIPPED_SUFFIXES) or name in SKIPPED_NAMES:
            continue
        if not theme_search and name.startswith(THEME_SEARCH_DIRS):
            continue
        files.append(path)
    return sorted(files, key=lambda p: p.relative_to(offline_dir).as_posix())


def make_bundle(root: Path, offline_dir: Path, dist_dir: Path) -> Path:
    """Zip ``offline_dir`` (plus lookup.py and README.txt) into ``dist_dir/<NAME>-<version>.zip``; write its ``.sha256``."""
    top = f"{NAME}-{version(root)}"
    add_extras(root, offline_dir, top)
    dist_dir.mkdir(parents=True, exist_ok=True)
    zip_path = dist_dir / f"{top}.zip"
    stamp = zip_time(source_date_epoch(root))
    files = bundled(offline_dir)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            name = path.relative_to(offline_dir).as_posix()
            info = zipfile.ZipInfo(f"{top}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o100755 if name in EXECUTABLE else 0o100644) << 16
            info.create_system = 3
            archive.writestr(info, path.read_bytes())
    digest = hashlib.sha256(zip_path.read_bytes()).hexdigest()
    (dist_dir / f"{top}.zip.sha256").write_text(f"{digest}  {zip_path.name}\n", encoding="utf-8")
    return zip_path
