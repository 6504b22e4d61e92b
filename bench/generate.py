"""Synthetic pt-BR troubleshooting articles in the seed's layout, with English for every segment.

The seed (``source_pt/backup-azure-vms-troubleshoot.md``) lists errors two
ways, and so does this generator: ``### <a name="code---english-slug"></a>Code -
texto`` headings followed by ``Código de erro:`` / ``Mensagem de erro:`` lines,
resolution paragraphs, steps and commands; and ``| Detalhes do erro | Solução
alternativa |`` tables whose rows hold ``Código de erro: N<br/> Mensagem de
erro: ...``. Text is assembled from Portuguese phrases that each carry their
English, so the PO catalog (``write_catalog``) is complete and the English side
reads like English. Every error has one unique code (CamelCase or numeric).
The same seed always gives the same bytes.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

SLUG = "synthetic-errors"
"""File name (without ``.md``) of the generated article."""

HEADING_SHARE = 0.35
"""Share of errors written as headings; the rest are table rows, as in the seed (9 of 34 are headings)."""
PER_CATEGORY = 100


@dataclass(frozen=True)
class Text:
    """A piece of text in both languages."""

    pt: str
    en: str

    def __add__(self, other: "Text") -> "Text":
        return Text(self.pt + other.pt, self.en + other.en)


def _t(pt: str, en: str) -> Text:
    return Text(pt, en)


def _join(parts: list[Text], sep: str = " ") -> Text:
    return Text(sep.join(p.pt for p in parts), sep.join(p.en for p in parts))


# (gender, Portuguese, English)
NOUNS = [
    ("m", "o agente da VM", "the VM agent"),
    ("m", "o serviço de Backup do Azure", "the Azure Backup service"),
    ("m", "o cofre dos Serviços de Recuperação", "the Recovery Services vault"),
    ("m", "o instantâneo do disco", "the disk snapshot"),
    ("m", "o disco gerenciado", "the managed disk"),
    ("m", "o gravador VSS", "the VSS writer"),
    ("m", "o ponto de recuperação", "the recovery point"),
    ("m", "o grupo de recursos", "the resource group"),
    ("m", "o certificado da extensão", "the extension certificate"),
    ("m", "o sistema de arquivos", "the file system"),
    ("m", "o ponto de montagem", "the mount point"),
    ("m", "o cofre de chaves", "the key vault"),
    ("m", "o trabalho de backup", "the backup job"),
    ("m", "o servidor proxy", "the proxy server"),
    ("m", "o grupo de segurança de rede", "the network security group"),
    ("m", "o disco do sistema operacional", "the operating system disk"),
    ("m", "o disco de dados", "the data disk"),
    ("m", "o blob de página", "the page blob"),
    ("m", "o contêiner de armazenamento", "the storage container"),
    ("m", "o token de acesso", "the access token"),
    ("m", "o balanceador de carga", "the load balancer"),
    ("m", "o endereço IP reservado", "the reserved IP address"),
    ("m", "o coordenador de transações distribuídas", "the distributed transaction coordinator"),
    ("m", "o módulo de kernel", "the kernel module"),
    ("m", "o registro do Windows", "the Windows registry"),
    ("m", "o serviço de instalação do Windows", "the Windows Installer service"),
    ("f", "a extensão de backup", "the backup extension"),
    ("f", "a conta de armazenamento", "the storage account"),
    ("f", "a máquina virtual", "the virtual machine"),
    ("f", "a política de backup", "the backup policy"),
    ("f", "a rede virtual", "the virtual network"),
    ("f", "a chave de criptografia", "the encryption key"),
    ("f", "a operação de restauração", "the restore operation"),
    ("f", "a assinatura do Azure", "the Azure subscription"),
    ("f", "a camada de arquivamento", "the archive tier"),
    ("f", "a cópia de sombra de volume", "the volume shadow copy"),
    ("f", "a regra de firewall", "the firewall rule"),
    ("f", "a identidade gerenciada", "the managed identity"),
    ("f", "a zona de disponibilidade", "the availability zone"),
    ("f", "a tabela de rotas", "the route table"),
    ("f", "a configuração de DNS", "the DNS configuration"),
    ("f", "a sessão de recuperação de arquivos", "the file recovery session"),
    ("f", "a cota de instantâneos", "the snapshot quota"),
    ("f", "a interface de rede", "the network interface"),
    ("f", "a chave do registro", "the registry key"),
]

# (masculine, feminine, English)
PREDICATES = [
    ("não está respondendo", "não está respondendo", "is not responding"),
    ("atingiu o tempo limite", "atingiu o tempo limite", "timed out"),
    ("não foi encontrado", "não foi encontrada", "was not found"),
    ("está em um estado inválido", "está em um estado inválido", "is in an invalid state"),
    ("está bloqueado", "está bloqueada", "is locked"),
    ("expirou", "expirou", "has expired"),
    ("foi excluído", "foi excluída", "was deleted"),
    ("não está configurado corretamente", "não está configurada corretamente", "is not configured correctly"),
    ("excedeu o limite permitido", "excedeu o limite permitido", "exceeded the allowed limit"),
    ("está sendo usado por outra operação", "está sendo usada por outra operação", "is being used by another operation"),
    ("não tem permissões suficientes", "não tem permissões suficientes", "does not have enough permissions"),
    ("está desatualizado", "está desatualizada", "is out of date"),
    ("não é compatível com esta operação", "não é compatível com esta operação", "is not supported for this operation"),
    ("está corrompido", "está corrompida", "is corrupted"),
    ("foi movido para outro grupo de recursos", "foi movida para outro grupo de recursos", "was moved to another resource group"),
    ("não pôde ser acessado", "não pôde ser acessada", "could not be accessed"),
    ("está desabilitado", "está desabilitada", "is disabled"),
    ("ainda está em andamento", "ainda está em andamento", "is still in progress"),
    ("perdeu a conectividade com a rede", "perdeu a conectividade com a rede", "lost network connectivity"),
    ("recusou a conexão", "recusou a conexão", "refused the connection"),
]

VERBS = [
    ("congelar", "freeze"), ("criar", "create"), ("copiar", "copy"), ("excluir", "delete"),
    ("instalar", "install"), ("atualizar", "update"), ("registrar", "register"), ("acessar", "access"),
    ("montar", "mount"), ("restaurar", "restore"), ("validar", "validate"), ("sincronizar", "synchronize"),
    ("ler", "read"), ("habilitar", "enable"), ("desabilitar", "disable"), ("anexar", "attach"),
    ("desanexar", "detach"), ("proteger", "protect"), ("transferir", "transfer"), ("descriptografar", "decrypt"),
    ("consultar", "query"), ("iniciar", "start"), ("parar", "stop"), ("renovar", "renew"),
]

OPERATIONS = [
    ("backup", "backup"), ("instantâneo", "snapshot"), ("restauração", "restore"), ("cópia", "copy"),
    ("registro", "registration"), ("limpeza", "cleanup"), ("validação", "validation"),
    ("recuperação de arquivos", "file recovery"), ("descoberta", "discovery"), ("retenção", "retention"),
]

# (masculine, feminine, English)
STATES = [
    ("está em execução", "está em execução", "is running"),
    ("está instalado", "está instalada", "is installed"),
    ("está acessível pela rede", "está acessível pela rede", "is reachable over the network"),
    ("tem espaço livre suficiente", "tem espaço livre suficiente", "has enough free space"),
    ("está habilitado", "está habilitada", "is enabled"),
    ("está na mesma região do cofre", "está na mesma região do cofre", "is in the same region as the vault"),
    ("usa a versão mais recente", "usa a versão mais recente", "uses the latest version"),
]

IMPERATIVES = [
    ("Verifique", "Check"), ("Reinicie", "Restart"), ("Atualize", "Update"), ("Recrie", "Recreate"),
    ("Reconfigure", "Reconfigure"), ("Valide", "Validate"),
]

MENUS = [
    ("Máquina Virtual", "Virtual machine"), ("Todas as Configurações", "All settings"), ("Extensões", "Extensions"),
    ("Itens de Backup", "Backup items"), ("Trabalhos de Backup", "Backup jobs"), ("Propriedades", "Properties"),
    ("Rede", "Networking"), ("Discos", "Disks"), ("Identidade", "Identity"), ("Políticas de Backup", "Backup policies"),
    ("Controle de Acesso (IAM)", "Access control (IAM)"), ("Bloqueios", "Locks"), ("Infraestrutura de Backup", "Backup infrastructure"),
]

COMMANDS = [
    "vssadmin list writers", "net stop serviceName", "net start serviceName", "waagent -version",
    "sudo systemctl restart walinuxagent", "Get-AzVM -Status", "fsck -y /dev/sdc1", "msdtc -install",
    "regedit.exe", "sudo mount -a", "Get-AzRecoveryServicesBackupJob", "df -h",
]

CODE_BLOCKS = [
    'REG ADD "HKLM\\SOFTWARE\\Microsoft\\BcdrAgentPersistentKeys" /v SnapshotMethod /t REG_SZ /d firstHostThenGuest /f',
    'REG ADD "HKLM\\SOFTWARE\\Microsoft\\BcdrAgentPersistentKeys" /v CalculateSnapshotTimeFromHost /t REG_SZ /d True /f',
    "sudo systemctl stop walinuxagent\nsudo systemctl start walinuxagent",
    "Stop-Service -Name VSS\nStart-Service -Name VSS",
    "sudo waagent -deprovision\nsudo rm -rf /var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-*",
]

FILES = [
    ("/etc/azure/vmbackup.conf", "isanysnapshotfailed", "false"),
    ("/etc/waagent.conf", "Extensions.Enabled", "y"),
    ("/etc/azure/vmbackup.conf", "fsfreeze", "true"),
    ("/var/lib/waagent/waagent.conf", "OS.EnableFirewall", "n"),
]

ARTICLE_LINKS = [
    ("práticas recomendadas", "best practices", "backup-azure-vms-introduction.md#best-practices"),
    ("Interromper a proteção de máquinas virtuais", "Stop protecting virtual machines", "backup-azure-manage-vms.md#stop-protecting-a-vm"),
    ("Considerações de restauração", "Restore considerations", "backup-azure-arm-restore-vms.md#restore-vms-with-special-configurations"),
    ("backup de VMs criptografadas", "backup of encrypted VMs", "backup-azure-vms-encryption.md"),
    ("matriz de suporte", "support matrix", "backup-support-matrix-iaas.md"),
]

FILLERS = [
    ("Esse erro é mais comum em máquinas virtuais com muitos discos anexados.",
     "This error is more common on virtual machines with many attached disks."),
    ("O problema também pode ocorrer logo depois de uma atualização do sistema operacional.",
     "The problem can also occur right after an operating system update."),
    ("Em alguns casos, o próximo backup agendado é concluído com êxito sem nenhuma ação.",
     "In some cases, the next scheduled backup completes successfully without any action."),
    ("Os dados já protegidos no cofre não são afetados.",
     "Data already protected in the vault is not affected."),
    ("Se o problema persistir, entre em contato com o suporte da Microsoft.",
     "If the problem persists, contact Microsoft support."),
    ("Anote a ID da atividade exibida na mensagem antes de abrir uma solicitação de suporte.",
     "Note the activity ID shown in the message before you open a support request."),
    ("A alteração pode levar até quinze minutos para ser replicada.",
     "The change can take up to fifteen minutes to replicate."),
    ("Não exclua os recursos criados pelo serviço de backup manualmente.",
     "Do not delete the resources created by the backup service manually."),
]

CATEGORIES = [
    ("Backup", "Backup"), ("Restauração", "Restore"), ("Trabalhos", "Jobs"), ("Extensões da VM", "VM extensions"),
    ("Instantâneos", "Snapshots"), ("Armazenamento", "Storage"), ("Rede", "Networking"), ("Criptografia", "Encryption"),
    ("Políticas de backup", "Backup policies"), ("Cofre dos Serviços de Recuperação", "Recovery Services vault"),
    ("Discos gerenciados", "Managed disks"), ("Recuperação de arquivos", "File recovery"), ("Permissões", "Permissions"),
    ("Cotas e limites", "Quotas and limits"), ("Agendamento", "Scheduling"),
    ("Máquinas virtuais Linux", "Linux virtual machines"), ("Máquinas virtuais Windows", "Windows virtual machines"),
    ("Registro de itens", "Item registration"), ("Retenção", "Retention"), ("Agente convidado", "Guest agent"),
]

CODE_PREFIXES = ["UserError", "Extension", "Backup", "Snapshot", "Guest", "Agent", "Restore", "Vault", "Disk",
                 "Storage", "Network", "Encryption", "Policy", "Job", "Recovery", "Vm", "Mount", "Vss", "Key", "Cloud"]
CODE_MIDDLES = ["Vm", "Disk", "Snapshot", "Agent", "Extension", "Vault", "Blob", "Network", "Key", "Certificate",
                "Policy", "Fs", "Writer", "Proxy", "Dns", "Quota", "Config", "Lease", "Token", "Session", "Mount",
                "Registry", "Tier", "Zone", "Identity"]
CODE_SUFFIXES = ["Failed", "Timeout", "NotFound", "InBadState", "Unresponsive", "LimitReached", "NotSupported",
                 "Conflict", "Expired", "Denied", "Missing", "Corrupted", "Locked", "Throttled", "Invalid"]


@dataclass(frozen=True)
class Block:
    """One resolution block: ``kind`` is paragraph, bullets, steps or code; ``items`` for lists."""

    kind: str
    text: Text = Text("", "")
    items: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Error:
    """One generated error, as the baseline site's page needs it."""

    code: str
    title: Text
    message: Text
    detail: Text | None
    resolution: tuple[Block, ...]
    category: Text
    category_id: str
    layout: str
    """``heading`` or ``table``."""


@dataclass
class Generated:
    """A generated article, the English of each of its segments, and its errors."""

    markdown: str
    english: dict[str, str] = field(default_factory=dict)
    errors: list[Error] = field(default_factory=list)


class _Writer:
    """Draws phrases from the word banks; every piece of text is remembered with its English."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.english: dict[str, str] = {}

    def keep(self, text: Text) -> Text:
        """Remember ``text``'s English under its Portuguese (what the PO catalog is filled from)."""
        previous = self.english.setdefault(text.pt, text.en)
        if previous != text.en:
            raise ValueError(f"one Portuguese text, two English texts: {text.pt!r}")
        return text

    def pick(self, items):
        return items[self.rng.randrange(len(items))]

    def noun(self) -> tuple[str, Text]:
        gender, pt, en = self.pick(NOUNS)
        return gender, Text(pt, en)

    def predicate(self, gender: str) -> Text:
        m, f, en = self.pick(PREDICATES)
        return Text(m if gender == "m" else f, en)

    def state(self, gender: str) -> Text:
        m, f, en = self.pick(STATES)
        return Text(m if gender == "m" else f, en)

    def clause(self) -> Text:
        gender, noun = self.noun()
        return noun + _t(" ", " ") + self.predicate(gender)

    def message(self) -> Text:
        """An error message: "Falha ao congelar o sistema de arquivos" and its kin."""
        form = self.rng.randrange(5)
        verb = Text(*self.pick(VERBS))
        _, noun = self.noun()
        op = Text(*self.pick(OPERATIONS))
        if form == 0:
            return _t("Falha ao ", "Failed to ") + verb + _t(" ", " ") + noun
        if form == 1:
            return _capital(self.clause())
        if form == 2:
            return _t("A operação de ", "The ") + op + _t(" falhou porque ", " operation failed because ") + self.clause()
        if form == 3:
            return _t("Não foi possível ", "Could not ") + verb + _t(" ", " ") + noun + _t(" porque ", " because ") + self.clause()
        return _capital(self.clause()) + _t(" durante a operação de ", " during the ") + op + _t("", " operation")

    def cause(self) -> Text:
        verb, verb_en = self.pick(IMPERATIVES)
        _, noun = self.noun()
        op = Text(*self.pick(OPERATIONS))
        text = (_t("Isso pode acontecer quando ", "This can happen when ") + self.clause()
                + _t(f". {verb} ", f". {verb_en} ") + noun + _t(" e repita a operação de ", " and retry the ") + op
                + _t(".", " operation."))
        if self.rng.random() < 0.5:
            text = text + _t(" ", " ") + Text(*self.pick(FILLERS))
        return text

    def step(self) -> Text:
        form = self.rng.randrange(8)
        if form == 0:
            gender, noun = self.noun()
            return _t("Verifique se ", "Make sure that ") + noun + _t(" ", " ") + self.state(gender) + _t(".", ".")
        if form == 1:
            command = self.pick(COMMANDS)
            return Text(f"Execute o comando `{command}` em um prompt de comando com privilégios elevados.",
                        f"Run the `{command}` command in an elevated command prompt.")
        if form == 2:
            a, b, c = (self.pick(MENUS) for _ in range(3))
            return Text(f"No portal do Azure, vá para **{a[0]}** > **{b[0]}** e selecione **{c[0]}**.",
                        f"In the Azure portal, go to **{a[1]}** > **{b[1]}** and select **{c[1]}**.")
        if form == 3:
            verb, verb_en = self.pick(IMPERATIVES)
            _, noun = self.noun()
            return _t(f"{verb} ", f"{verb_en} ") + noun + _t(" e dispare um trabalho de backup sob demanda.",
                                                            " and trigger an on-demand backup job.")
        if form == 4:
            path, setting, value = self.pick(FILES)
            return Text(f"No arquivo {path}, verifique se o valor de **{setting}** é **{value}**.",
                        f"In the {path} file, make sure that the value of **{setting}** is **{value}**.")
        if form == 5:
            pt, en, href = self.pick(ARTICLE_LINKS)
            return Text(f"Para obter mais informações, consulte [{pt}]({href}).",
                        f"For more information, see [{en}]({href}).")
        if form == 6:
            return Text(*self.pick(FILLERS))
        return _t("Aguarde alguns minutos e tente a operação novamente.", "Wait a few minutes and try the operation again.")

    def steps(self, low: int, high: int) -> tuple[Text, ...]:
        out: list[Text] = []
        for _ in range(self.rng.randint(low, high)):
            step = self.step()
            if step not in out:
                out.append(step)
        return tuple(out)


def _capital(text: Text) -> Text:
    return Text(text.pt[:1].upper() + text.pt[1:], text.en[:1].upper() + text.en[1:])


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def make_codes(count: int, rng: random.Random) -> tuple[list[str], list[str]]:
    """``count`` unique codes, about seven in ten CamelCase (``UserErrorDiskLeaseExpired``): ``(camel, numeric)``."""
    camel: list[str] = []
    numeric: list[str] = []
    seen: set[str] = set()
    while len(camel) + len(numeric) < count:
        if rng.random() < 0.7:
            parts = [rng.choice(CODE_PREFIXES), rng.choice(CODE_MIDDLES)]
            if rng.random() < 0.6:
                parts.append(rng.choice(CODE_MIDDLES))
            parts.append(rng.choice(CODE_SUFFIXES))
            code, bucket = "".join(parts), camel
        else:
            code, bucket = str(rng.randrange(100000, 1000000)), numeric
        if code.lower() not in seen:
            seen.add(code.lower())
            bucket.append(code)
    return camel, numeric


def generate(count: int, seed: int = 9) -> Generated:
    """An article with exactly ``count`` errors, each with one unique code."""
    writer = _Writer(seed * 1_000_003 + count)
    rng = writer.rng
    camel, numeric = make_codes(count, rng)
    n_categories = max(2, math.ceil(count / PER_CATEGORY))
    sizes = [count // n_categories + (1 if i < count % n_categories else 0) for i in range(n_categories)]
    keep = writer.keep
    title = keep(_t("Solucionar problemas de erros sintéticos de backup de máquinas virtuais do Azure",
                    "Troubleshoot synthetic Azure virtual machine backup errors"))
    intro = keep(_t("Este artigo lista erros gerados para medir o desempenho do site. "
                    "Cada erro tem um código, uma mensagem e as etapas para resolvê-lo.",
                    "This article lists errors generated to measure the site's performance. "
                    "Each error has a code, a message and the steps to resolve it."))
    lines = [
        "---",
        f"title: {title.pt}",
        "description: Erros sintéticos para medir o desempenho do site",
        "services: backup",
        "ms.service: backup",
        "ms.topic: conceptual",
        "ms.contentlocale: pt-BR",
        "ms.translationtype: MT",
        "---",
        f'# <a name="{_slug(title.en)}"></a>{title.pt}',
        intro.pt,
        "",
    ]
    out = Generated("", writer.english)
    # Numeric codes only in table rows: the parser reads a number alone before a heading's dash as text
    # ("2019 - Novidades"), so the seed, too, writes its numeric codes in tables.
    n_headings_all = sum(round(size * HEADING_SHARE) for size in sizes)
    heading_codes = iter(camel[:n_headings_all])
    row_codes = camel[n_headings_all:] + numeric
    rng.shuffle(row_codes)
    next_row_code = iter(row_codes)
    for index, size in enumerate(sizes):
        base_pt, base_en = CATEGORIES[index % len(CATEGORIES)]
        part = index // len(CATEGORIES) + 1
        category = keep(Text(base_pt, base_en) if part == 1 else Text(f"{base_pt} (parte {part})", f"{base_en} (part {part})"))
        category_id = _slug(category.en)
        lines += [f'## <a name="{category_id}"></a>{category.pt}', ""]
        n_headings = round(size * HEADING_SHARE)
        for _ in range(n_headings):
            error = _heading_error(writer, next(heading_codes), category, category_id)
            out.errors.append(error)
            lines += _heading_lines(error)
        if size > n_headings:
            table = keep(_t(f"Erros comuns: {category.pt.lower()}", f"Common errors: {category.en.lower()}"))
            table_id = f"common-{category_id}-errors"
            lines += [f'### <a name="{table_id}"></a>{table.pt}', "",
                      "| Detalhes do erro | Solução alternativa |", "| --- | --- |"]
            for _ in range(size - n_headings):
                error = _table_error(writer, next(next_row_code), table, table_id)
                out.errors.append(error)
                lines.append(_table_line(error))
            lines.append("")
    out.markdown = "\n".join(lines).rstrip("\n") + "\n"
    keep(Text("Detalhes do erro", "Error details"))
    keep(Text("Solução alternativa", "Workaround"))
    return out


def _heading_error(writer: _Writer, code: str, category: Text, category_id: str) -> Error:
    keep = writer.keep
    rng = writer.rng
    title = keep(writer.message())
    message = keep(title + _t(".", ".")) if rng.random() < 0.5 else keep(_capital(writer.message()) + _t(".", "."))
    blocks: list[Block] = [Block("paragraph", keep(writer.cause()))]
    if rng.random() < 0.6:
        blocks.append(Block("paragraph", keep(_t("Para resolver esse problema, siga estas etapas:",
                                                 "To resolve this issue, follow these steps:"))))
        blocks.append(Block("bullets", items=tuple(keep(s) for s in writer.steps(2, 5))))
    else:
        for n, step in enumerate(writer.steps(2, 3), start=1):
            blocks.append(Block("paragraph", keep(_t(f"**Etapa {n}**: ", f"**Step {n}**: ") + step)))
    if rng.random() < 0.25:
        blocks.append(Block("paragraph", keep(_t("Em um prompt de comando com privilégios elevados, execute:",
                                                 "In an elevated command prompt, run:"))))
        blocks.append(Block("code", Text(*(writer.pick(CODE_BLOCKS),) * 2)))
    return Error(code, title, message, None, tuple(blocks), category, category_id, "heading")


def _heading_lines(error: Error) -> list[str]:
    anchor = f"{error.code.lower()}---{_slug(error.title.en)}"
    lines = [f'### <a name="{anchor}"></a>{error.code} - {error.title.pt}', "",
             f"Código de erro: {error.code} <br/>", f"Mensagem de erro: {error.message.pt}", ""]
    for block in error.resolution:
        if block.kind == "paragraph":
            lines += [block.text.pt, ""]
        elif block.kind == "bullets":
            lines += [f"* {item.pt}" for item in block.items] + [""]
        elif block.kind == "code":
            lines += ["```", block.text.pt, "```", ""]
    return lines


def _table_error(writer: _Writer, code: str, table: Text, table_id: str) -> Error:
    keep = writer.keep
    rng = writer.rng
    message = keep(writer.message())
    detail = keep(Text(*writer.pick(FILLERS))) if rng.random() < 0.2 else None
    cause = writer.cause()
    form = rng.randrange(3)
    if form == 0:
        cell = cause
    else:
        tag = "ol" if form == 1 else "ul"
        items = writer.steps(2, 4)
        cell = cause + _t(f" <{tag}>", f" <{tag}>") + _join([_t("<li>", "<li>") + s for s in items], "") + _t(f"</{tag}>", f"</{tag}>")
    cell = keep(cell)
    return Error(code, message, message, detail, (Block("cell", cell),), table, table_id, "table")


def _table_line(error: Error) -> str:
    details = f" <br/> <br/> {error.detail.pt}" if error.detail else ""
    return (f"| Código de erro: {error.code}<br/> Mensagem de erro: {error.message.pt}{details} "
            f"| {error.resolution[0].text.pt} |")


def write_article(generated: Generated, source_dir: Path) -> Path:
    """Write the article into ``source_dir`` and its complete English PO catalog under ``translations/en``."""
    source_dir.mkdir(parents=True, exist_ok=True)
    path = source_dir / f"{SLUG}.md"
    path.write_text(generated.markdown, encoding="utf-8")
    write_catalog(generated, path)
    return path


def write_catalog(generated: Generated, article_path: Path) -> Path:
    """The article's PO catalog, every segment translated; raises when a segment has no English."""
    import polib

    from build_tools.parse.article import parse_article
    from build_tools.problems import Problems
    from build_tools.l10n.po_files import catalog_path, segments

    problems = Problems()
    article = parse_article(article_path, problems)
    if article is None or list(problems):
        raise ValueError("generated article does not parse cleanly:\n" + "\n".join(str(p) for p in problems))
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": article.slug, "Language": "en", "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
    }
    missing = []
    for segment in segments(article):
        english = generated.english.get(segment.text)
        if english is None:
            missing.append(segment.text)
            continue
        po.append(polib.POEntry(msgctxt=segment.key, msgid=segment.text, msgstr=english,
                                occurrences=[(article_path.name, str(segment.line))]))
    if missing:
        raise ValueError(f"{len(missing)} segments have no English, e.g. {missing[:3]!r}")
    path = catalog_path(article_path.parent / "translations", article)
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path
