"""Files parents send for their case: we keep Telegram's file id and metadata, not bytes."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from html import escape
from typing import Final, Literal

from bot import texts
from bot.clock import Clock
from bot.notify.notes import ParentNotice
from bot.notify.notifier import Notifier
from bot.vocabulary import DocumentKind
from storage.db import UnitOfWork
from storage.repositories import DraftRow

MAX_BYTES: Final = 20 * 1024 * 1024  # what a bot may download from Telegram
MAX_PER_CASE: Final = 20
ALLOWED_MIME: Final = frozenset(
    {
        "application/pdf",
        "image/jpeg",
        "image/png",
        "image/heic",
        "image/heif",
        "image/webp",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/x-hwp",
        "application/haansofthwp",
        "application/vnd.hancom.hwp",
        "application/vnd.hancom.hwpx",
        "text/plain",
    }
)
ALLOWED_SUFFIXES: Final = (
    ".pdf",
    ".jpg",
    ".jpeg",
    ".png",
    ".heic",
    ".doc",
    ".docx",
    ".hwp",
    ".hwpx",
    ".txt",
)

Outcome = Literal["case", "draft", "no_case", "too_big", "bad_type", "too_many"]


@dataclass(frozen=True)
class DocumentMeta:
    file_id: str
    file_unique_id: str
    kind: DocumentKind
    file_name: str | None = None
    mime_type: str | None = None
    file_size: int | None = None


@dataclass(frozen=True)
class AttachResult:
    outcome: Outcome
    case_number: str | None = None
    case_id: int | None = None


def check(meta: DocumentMeta) -> Outcome | None:
    """A refusal reason, or None when the file is acceptable."""
    if meta.file_size is not None and meta.file_size > MAX_BYTES:
        return "too_big"
    if meta.kind == DocumentKind.PHOTO:
        return None
    name = (meta.file_name or "").lower()
    if (meta.mime_type or "") in ALLOWED_MIME or name.endswith(ALLOWED_SUFFIXES):
        return None
    return "bad_type"


class DocumentService:
    def __init__(self, clock: Clock, notifier: Notifier) -> None:
        self._clock = clock
        self._notifier = notifier

    async def attach(
        self, uow: UnitOfWork, *, telegram_id: int, meta: DocumentMeta
    ) -> AttachResult:
        """Attach to the intake in progress, else to the parent's latest open case.

        A file for a case is announced to its assignee, if it has one.
        """
        refusal = check(meta)
        if refusal is not None:
            return AttachResult(refusal)
        user = await uow.users.get_by_telegram_id(telegram_id=telegram_id)
        if user is None:
            return AttachResult("no_case")
        now = self._clock.now()
        draft = await uow.drafts.get(user_id=user.id, now=now)
        if draft is not None and draft.step not in ("consent", "consent_sensitive"):
            return await _attach_to_draft(uow, draft, meta, now)
        cases = await uow.cases.list_for_user(user_id=user.id, open_only=True)
        if not cases:
            return AttachResult("no_case")
        case = cases[0]
        if len(await uow.documents.for_case(case_id=case.id)) >= MAX_PER_CASE:
            return AttachResult("too_many", case.number, case.id)
        await uow.documents.add(case_id=case.id, now=now, **asdict(meta))
        assignee = await uow.staff.get(staff_id=case.assignee_id) if case.assignee_id else None
        if assignee is not None:
            name = meta.file_name or ("사진" if meta.kind == DocumentKind.PHOTO else "파일")
            await self._notifier.enqueue(
                uow,
                ParentNotice(
                    text=texts.DOCUMENT_TO_STAFF.format(number=case.number, name=escape(name))
                ),
                chat_id=assignee.telegram_id,
                case_id=case.id,
                dedupe_key=f"doc:{meta.file_unique_id}:{case.id}",
            )
        return AttachResult("case", case.number, case.id)


async def _attach_to_draft(
    uow: UnitOfWork, draft: DraftRow, meta: DocumentMeta, now: datetime
) -> AttachResult:
    documents = list(draft.data.get("documents", []))
    if len(documents) >= MAX_PER_CASE:
        return AttachResult("too_many")
    data = {**draft.data, "documents": [*documents, asdict(meta)]}
    await uow.drafts.save(
        user_id=draft.user_id,
        step=draft.step,
        data=data,
        history=list(draft.history),
        now=now,
        expires_at=draft.expires_at,
    )
    return AttachResult("draft")


async def attach_draft_documents(
    uow: UnitOfWork, *, case_id: int, data: dict[str, object], clock: Clock
) -> int:
    """Move files sent during the intake onto the new case."""
    documents = data.get("documents")
    if not isinstance(documents, list):
        return 0
    for item in documents:
        if isinstance(item, dict):
            await uow.documents.add(case_id=case_id, now=clock.now(), **item)
    return len(documents)
