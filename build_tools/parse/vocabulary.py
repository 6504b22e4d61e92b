"""The words that tell the parser where errors and codes are, in Portuguese and English.

Data only: a contributor who meets a new article layout extends these tables
(each row has a fixture in ``tests/fixtures/layouts``) without reading the
parser. Header words and labels are matched on folded text (lower case, no
accents: ``Código`` is ``codigo``).
"""

from __future__ import annotations

# ---- table columns ----------------------------------------------------------------------------
# A column's role comes from its header: the first table below whose words the header contains.

CODE_HEADERS = (
    "codigo", "code", "errornumber", "error number", "numero do erro", "numero de erro", "id do erro",
    "id de erro", "error id", "errorid", "id do evento", "id de evento", "event id", "eventid",
    "tipo de falha", "fault type", "hresult", "status code", "codigo de status", "chave",
)
"""Headers of a column that holds codes, whatever their shape (``Conflict``, ``-1``, ``QuotaExceeded``)."""

MAYBE_CODE_HEADERS = ("erro", "error", "evento", "event", "nome", "name", "status", "falha", "nº", "no.", "#")
"""Headers of a column that holds codes when most of its cells are code-shaped (``| Erro | Descrição |`` with ``50001``)."""

NOT_CODE_HEADERS = (
    "severidade", "severity", "gravidade", "tipo", "type", "valor", "value", "porta", "port", "hora", "time",
    "data", "date", "url", "versao", "version", "registro", "contagem", "count", "padrao", "default",
    "atributo", "attribute", "parametro", "parameter", "propriedade", "property", "configuracao", "setting",
    "tamanho", "size", "limite", "limit", "operacao", "operation", "caminho", "path",
)
"""Headers of a column that never holds codes, though its cells may be numbers or identifiers."""

MESSAGE_HEADERS = (
    "mensagem", "message", "texto do erro", "error text", "errorformat", "detalhes do erro", "error details",
    "sintoma", "symptom", "problema", "issue", "erro", "error", "falha", "descricao", "description",
    "nome ou mensagem", "detalhes", "details",
)
"""Headers of the column that says what the reader sees: the error's message or symptom (first match wins)."""

DESCRIPTION_HEADERS = ("descricao", "description", "significado", "meaning", "comentario", "comment")
"""A column that describes the values of the first one (``| Status | Descrição |``)."""

CAUSE_HEADERS = ("causa", "cause", "motivo", "reason", "errorcause", "por que", "why")
RESOLUTION_HEADERS = (
    "solucao", "resolucao", "resolution", "acao", "acoes", "action", "recomend", "workaround", "correcao",
    "correctiveaction", "etapas", "steps", "como corrigir", "fix", "mitigacao", "mitigation",
)
ERROR_TABLE_WORDS = ("erro", "error", "falha", "failure", "sintoma", "symptom", "mensagem", "message", "problema")
"""A table without a code column lists errors when a header has one of these and another is a resolution or cause."""

# ---- labels in running text --------------------------------------------------------------------

STRONG_LABELS = (
    r"c[oó]digos? d[eo] (?:erro|sa[ií]da|status(?: HTTP)?)", r"error codes?", r"exit codes?", r"status codes?",
    r"ID(?: d[eo])? (?:evento|erro)", r"event ?ids?", r"error ?ids?", r"error ?codes?", r"error ?numbers?",
    r"n[uú]mero d[eo] erro", r"hresult", r"hr(?=\s*[=:])", r"id(?=\s*:)", r"fullyqualifiederrorid", r'"(?:error)?code"', r"errorcode",
)
"""Words that, right before a token (``Código de saída 3``, ``hr=800700CE``, ``Code=InvalidTemplate``),
make it a code whatever its shape (a number of any length)."""

WEAK_LABELS = (r"erros?", r"errors?", r"http", r"code", r"c[oó]digo")
"""Words that make a token right after them a code when it is code-shaped or a number of two digits or more."""

NUMERIC_LABELS = (r"evento", r"event", r"ids? d[eo] evento")
"""Words after which a number of two digits or more is a code (``o evento 1104``)."""

NAMED_LABELS = (r"message", r"mensagem", r'"id"')
"""Words after which an identifier that names a failure (``Message: 'StorageAccountNotColocated'``) is a code."""

HTTP_REASONS = (
    "bad request", "unauthorized", "forbidden", "not found", "method not allowed", "conflict", "gone",
    "too many requests", "internal server error", "bad gateway", "service unavailable", "gateway timeout",
    "server busy", "precondition failed", "request timeout", "proxy authentication required", "not modified",
    "solicitacao invalida", "solicitacao incorreta", "nao autorizado", "proibido", "nao encontrado", "conflito",
    "erro interno do servidor", "gateway incorreto", "gateway invalido", "servico indisponivel",
    "tempo limite do gateway", "numero excessivo de solicitacoes", "nao modificado",
)
"""HTTP reason phrases: a three-digit number next to one is an HTTP status code (``503 Serviço Indisponível``)."""

SETTING_VALUES = ("yes", "no", "sim", "nao", "true", "false", "on", "off", "enabled", "disabled", "habilitado",
                  "desabilitado")
"""``AzureAdJoined : YES`` is a setting and its value, not a code and its message."""

# ---- identifiers -------------------------------------------------------------------------------

ERROR_WORDS = (
    "error", "erro", "fail", "falha", "invalid", "bad", "mismatch", "notfound", "notallowed", "notready", "notenabled",
    "notlicensed", "notpresent", "notreachable", "notsupported", "notcolocated", "notrunning", "notconnected",
    "notconfigured", "notmet", "notmember", "exceeded", "exceed", "denied", "unavailable", "timeout", "timedout",
    "conflict", "quota", "disabled", "missing", "unique", "unknown", "unable", "cannot", "unsupported",
    "unauthorized", "forbidden", "busy", "expired", "alreadyexists", "already", "malformed", "taken", "required",
    "blocked", "throttl", "unresponsive", "inactive", "decommissioned", "disconnected", "stuck", "corrupt",
    "insufficient", "violation", "rejected", "refused", "unreachable", "lost", "unhealthy", "incorrect", "faulted",
)
"""Pieces of an identifier that say it names a failure (``StorageAccountAlreadyTaken``, ``VipUnResponsive``)."""

HEADING_ERROR_WORDS = ("erro", "erros", "error", "errors", "falha", "falhas", "failure", "failures", "codigos", "codes")
"""A heading that is only an identifier is an error code when it, or a heading above it, says so."""

NOT_CODES = frozenset(
    w.lower() for w in (
        "PowerShell", "JavaScript", "TypeScript", "OneDrive", "SharePoint", "GitHub", "DevOps", "macOS", "iOS",
        "iPhone", "iPad", "IntelliJ", "PyCharm", "WebLogic", "WebSphere", "NuGet", "OAuth", "OpenID", "OpenShift",
        "HDInsight", "CentOS", "RedHat", "SUSE", "FreeBSD", "MySQL", "PostgreSQL", "MongoDB", "CosmosDB",
        "DocumentDB", "StorSimple", "ExpressRoute", "VMware", "HyperV", "VirtualBox", "AzureAD", "LinkedIn",
        "YouTube", "WordPress", "BitLocker", "AppLocker", "IntelliSense", "WebHCat", "WebJobs", "SignalR",
        "ASPNET", "NET", "IaaS", "PaaS", "SaaS", "JSON", "HTTP", "HTTPS", "TCP", "UDP", "URL", "URI", "API",
        "FullyQualifiedErrorId", "CategoryInfo", "ErrorRecord", "ErrorDetails", "ErrorCode", "ErrorCodes",
        "ErrorNumber", "ErrorMessage", "ErrorDetail", "ErrorId", "ErrorSeverity", "ErrorCause",
    )
)
"""Product, platform and format names shaped like codes."""

EXCEPTION_SUFFIXES = ("exception", "handler")
"""``System.IO.FileNotFoundException`` names a .NET or Java exception type, not an error code."""

GENERIC_HEADINGS = frozenset((
    "sintoma", "sintomas", "symptom", "symptoms", "causa", "causas", "cause", "causes", "causa possivel",
    "solucao", "solucoes", "solution", "resolucao", "resolution", "solucao alternativa", "workaround",
    "problema", "issue", "problem", "descricao", "description", "detalhes", "details", "exemplo", "example",
    "visao geral", "overview", "mais informacoes", "more information", "cenarios", "scenarios",
))
"""Headings that name a part of an error (its symptom, cause, fix), not the error: a code named under one
is titled by the heading above it."""

CAUSE_FIX_LABELS = frozenset((
    "causa", "causas", "causa possivel", "causas possiveis", "possivel causa", "possiveis causas", "cause",
    "causes", "possible cause", "acao recomendada", "acoes recomendadas", "recommended action", "solucao",
    "solucoes", "solution", "solucao alternativa", "workaround", "resolucao", "resolution", "como corrigir",
    "how to fix", "mitigacao", "mitigation",
))
"""Labels (``**Ação recomendada**``) or headings (``### Causa``) that tell an error's cause or fix: the section
they belong to is an error, with or without a code."""
