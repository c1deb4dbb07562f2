"""The legal team's case workflow: claim, assign, reply, notes, stages, referrals, closing."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime

from bot import texts
from bot.cases import satisfaction, stages
from bot.clock import Clock
from bot.korean import fill
from bot.notify.notes import NewCaseCard, ParentMessage, ParentNotice
from bot.notify.notifier import Notifier
from bot.vocabulary import ActorKind, EventKind, RelayDirection, Role, Stage
from storage.db import UnitOfWork
from storage.models import Case, CaseDocument, CaseEvent, RelayMessage, Staff

logger = logging.getLogger(__name__)

_STAGE_BY_LABEL = {stages.STAGE_LABELS[stage]: stage for stage in stages.COUNSELING_STAGES}
_STAGE_BY_VALUE = {stage.value: stage for stage in stages.COUNSELING_STAGES}


class CaseError(Exception):
    """An expected refusal; `message` is the Korean text for the staff member."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ClaimResult:
    case: Case
    is_won: bool
    holder: Staff | None


@dataclass(frozen=True)
class ReplyTarget:
    case: Case
    parent_chat_id: int
    is_discreet: bool = False  # the parent asked for discreet notifications


@dataclass(frozen=True)
class ParentAttachment:
    """A parent's message added to their open case."""

    case: Case
    relay_id: int
    is_claimed: bool  # an attorney holds the case (else the team was told)


@dataclass(frozen=True)
class CaseDetail:
    """A case as one staff member may see it: its history and what they may do."""

    case: Case
    assignee: Staff | None
    events: list[CaseEvent]
    relays: list[RelayMessage]
    may_act: bool  # the assignee or an admin: may move, close, see the contact, get files
    documents: int


class CaseService:
    def __init__(self, clock: Clock, notifier: Notifier, *, team_chat_id: int | None) -> None:
        self._clock = clock
        self._notifier = notifier
        self._team_chat_id = team_chat_id

    # ---- staff ---------------------------------------------------------------------------

    async def staff_member(
        self,
        uow: UnitOfWork,
        *,
        telegram_id: int,
        display_name: str = "",
        username: str | None = None,
    ) -> Staff | None:
        """The active staff member; fills in the Telegram name and username we learn."""
        staff = await uow.staff.get_active(telegram_id=telegram_id)
        if staff is not None:
            if display_name and not staff.display_name:
                staff.display_name = display_name[:64]
            if username and username != staff.username:
                staff.username = username[:64]
        return staff

    async def add_staff(
        self, uow: UnitOfWork, actor: Staff, *, telegram_id: int, role: str
    ) -> Staff:
        _require_admin(actor)
        chosen = role_from_text(role)
        if chosen is None:
            raise CaseError(texts.USAGE.format(usage=texts.STAFF_ADD_USAGE))
        return await uow.staff.upsert(telegram_id=telegram_id, role=chosen, now=self._clock.now())

    async def staff_list(self, uow: UnitOfWork, actor: Staff) -> list[Staff]:
        """Admins: every active staff member."""
        _require_admin(actor)
        return await uow.staff.list_active()

    def require_admin(self, actor: Staff) -> None:
        """Raise CaseError unless `actor` is an admin."""
        _require_admin(actor)

    async def remove_staff(self, uow: UnitOfWork, actor: Staff, *, telegram_id: int) -> list[str]:
        """Deactivate a staff member; their open cases go back to the queue (the team gets
        each card again). Returns the numbers of those cases."""
        _require_admin(actor)
        if telegram_id == actor.telegram_id:
            raise CaseError(texts.STAFF_CANNOT_REMOVE_SELF)
        member = await uow.staff.get_active(telegram_id=telegram_id)
        if member is None or not await uow.staff.deactivate(telegram_id=telegram_id):
            raise CaseError(texts.STAFF_NOT_FOUND)
        requeued = await uow.cases.assigned_to(staff_id=member.id)
        for case in requeued:
            await self._requeue(uow, case, actor)
        return [case.number for case in requeued]

    # ---- lookups -------------------------------------------------------------------------

    async def resolve(self, uow: UnitOfWork, ref: str) -> Case:
        """A case by number ("2026-0042", "42") or raise CaseError."""
        number = self.normalize_number(ref)
        case = await uow.cases.get_by_number(number=number) if number else None
        if case is None:
            raise CaseError(texts.CASE_NOT_FOUND)
        return case

    def normalize_number(self, ref: str) -> str | None:
        ref = ref.strip().lstrip("#")
        if match := re.fullmatch(r"(\d{4})-(\d{1,6})", ref):
            return f"{match.group(1)}-{int(match.group(2)):04d}"
        if re.fullmatch(r"\d{1,6}", ref):
            return f"{self._clock.today().year}-{int(ref):04d}"
        return None

    async def get(self, uow: UnitOfWork, case_id: int) -> Case:
        case = await uow.cases.get(case_id=case_id)
        if case is None:
            raise CaseError(texts.CASE_NOT_FOUND)
        return case

    async def assignee(self, uow: UnitOfWork, case: Case) -> Staff | None:
        return await uow.staff.get(staff_id=case.assignee_id) if case.assignee_id else None

    def may_see_contact(self, case: Case, actor: Staff) -> bool:
        return is_owner(case, actor)

    async def queue(self, uow: UnitOfWork, *, limit: int = 30) -> list[Case]:
        """Unclaimed cases, urgent first, then by deadline and age."""
        return await uow.cases.unclaimed(limit=limit)

    async def mine(self, uow: UnitOfWork, actor: Staff) -> list[Case]:
        """The actor's open cases."""
        return await uow.cases.assigned_to(staff_id=actor.id)

    async def detail(self, uow: UnitOfWork, case: Case, actor: Staff) -> CaseDetail:
        return CaseDetail(
            case,
            await self.assignee(uow, case),
            await uow.cases.events(case_id=case.id),
            await uow.relays.for_case(case_id=case.id),
            may_act=is_owner(case, actor),
            documents=len(await uow.documents.for_case(case_id=case.id)),
        )

    async def documents(self, uow: UnitOfWork, case: Case, actor: Staff) -> list[CaseDocument]:
        """The case's files, for its assignee or an admin only."""
        if not is_owner(case, actor):
            raise CaseError(texts.DOCUMENTS_NOT_YOURS)
        return await uow.documents.for_case(case_id=case.id)

    # ---- changes -------------------------------------------------------------------------

    async def claim(self, uow: UnitOfWork, case: Case, actor: Staff) -> ClaimResult:
        """Race-safe: of several staff claiming at once exactly one wins."""
        now = self._clock.now()
        if case.stage == Stage.CLOSED:
            raise CaseError(texts.CLAIM_CLOSED)
        if not await uow.cases.claim(case_id=case.id, staff_id=actor.id, now=now):
            await uow.cases.refresh(case)
            return ClaimResult(case, False, await self.assignee(uow, case))
        await uow.cases.refresh(case)
        await uow.cases.add_event(
            case_id=case.id,
            kind=EventKind.CLAIMED,
            now=now,
            actor_kind=ActorKind.STAFF,
            actor_staff_id=actor.id,
            from_value=Stage.NEW,
            to_value=Stage.CLAIMED,
        )
        await self._notify_parent(
            uow,
            case,
            texts.PARENT_CLAIMED.format(number=case.number),
            key=f"claimed:{case.id}:{now.timestamp()}",
        )
        return ClaimResult(case, True, actor)

    async def release(self, uow: UnitOfWork, case: Case, actor: Staff) -> None:
        self._require_owner(case, actor)
        await self._requeue(uow, case, actor)

    async def _requeue(self, uow: UnitOfWork, case: Case, actor: Staff) -> None:
        """Back to the queue, unassigned, with the card posted to the team again."""
        now = self._clock.now()
        await uow.cases.update_fields(
            case_id=case.id, now=now, assignee_id=None, stage=Stage.NEW, claimed_at=None
        )
        await uow.cases.add_event(
            case_id=case.id,
            kind=EventKind.RELEASED,
            now=now,
            actor_kind=ActorKind.STAFF,
            actor_staff_id=actor.id,
            from_value=case.stage,
            to_value=Stage.NEW,
        )
        await uow.cases.refresh(case)
        await self.enqueue_card(uow, case, key=f"released:{case.id}:{now}")
        await self._notify_parent(
            uow,
            case,
            texts.PARENT_RELEASED.format(number=case.number),
            key=f"released-parent:{case.id}:{now.timestamp()}",
        )

    async def assign(self, uow: UnitOfWork, case: Case, actor: Staff, target_ref: str) -> Staff:
        _require_admin(actor)
        target = await self._find_staff(uow, target_ref)
        if case.stage == Stage.CLOSED:
            raise CaseError(texts.CLAIM_CLOSED)
        now = self._clock.now()
        stage = Stage.CLAIMED if case.stage == Stage.NEW else case.stage
        await uow.cases.update_fields(
            case_id=case.id,
            now=now,
            assignee_id=target.id,
            stage=stage,
            claimed_at=case.claimed_at or now,
        )
        await uow.cases.add_event(
            case_id=case.id,
            kind=EventKind.ASSIGNED,
            now=now,
            actor_kind=ActorKind.STAFF,
            actor_staff_id=actor.id,
            from_value=case.stage,
            to_value=stage,
            text=staff_label(target),
        )
        await uow.cases.refresh(case)
        if stage == Stage.CLAIMED:
            await self._notify_parent(
                uow,
                case,
                texts.PARENT_CLAIMED.format(number=case.number),
                key=f"claimed:{case.id}:{now.timestamp()}",
            )
        return target

    async def note(self, uow: UnitOfWork, case: Case, actor: Staff, text: str) -> None:
        self._require_owner(case, actor)
        await uow.cases.add_event(
            case_id=case.id,
            kind=EventKind.NOTE,
            now=self._clock.now(),
            actor_kind=ActorKind.STAFF,
            actor_staff_id=actor.id,
            text=text,
        )

    async def set_stage(self, uow: UnitOfWork, case: Case, actor: Staff, label: str) -> Stage:
        """Move to a counseling stage given by its Korean label or its id."""
        self._require_owner(case, actor)
        label = label.strip()
        target = _STAGE_BY_LABEL.get(label) or _STAGE_BY_VALUE.get(label)
        if target is None:
            raise CaseError(texts.STAGE_UNKNOWN.format(choices=", ".join(_STAGE_BY_LABEL)))
        await self._move(uow, case, actor, target)
        await self._notify_parent(
            uow,
            case,
            texts.PARENT_STAGE.format(number=case.number, stage=texts.STAGE_NAMES[target]),
            key=f"stage:{case.id}:{target}:{self._clock.now().timestamp()}",
        )
        return target

    async def refer(self, uow: UnitOfWork, case: Case, actor: Staff, kind: str) -> str:
        self._require_owner(case, actor)
        kind = kind.strip()
        if kind not in stages.REFERRAL_KINDS:
            raise CaseError(texts.REFER_UNKNOWN.format(choices=", ".join(stages.REFERRAL_KINDS)))
        await uow.cases.add_event(
            case_id=case.id,
            kind=EventKind.REFERRAL,
            now=self._clock.now(),
            actor_kind=ActorKind.STAFF,
            actor_staff_id=actor.id,
            to_value=kind,
        )
        await self._notify_parent(
            uow,
            case,
            fill(texts.PARENT_REFERRED, number=case.number, kind=kind),
            key=f"refer:{case.id}:{kind}",
        )
        return kind

    async def close(self, uow: UnitOfWork, case: Case, actor: Staff, result: str) -> None:
        self._require_owner(case, actor)
        now = self._clock.now()
        await self._move(uow, case, actor, Stage.CLOSED, text=result or None)
        await uow.cases.update_fields(
            case_id=case.id, now=now, closed_at=now, result=result or None
        )
        await uow.cases.refresh(case)
        await self._notify_parent(
            uow,
            case,
            fill(texts.PARENT_CLOSED, number=case.number),
            key=f"closed:{case.id}:{now.timestamp()}",
        )
        await satisfaction.ask(uow, self._notifier, case, now=now)

    # ---- relay ---------------------------------------------------------------------------

    async def reply_target(self, uow: UnitOfWork, case: Case, actor: Staff) -> ReplyTarget:
        self._require_owner(case, actor)
        user = await uow.users.get(user_id=case.user_id) if case.user_id else None
        if user is None:
            raise CaseError(texts.REPLY_PARENT_GONE.format(number=case.number))
        return ReplyTarget(case, user.telegram_id, is_discreet=user.is_discreet)

    async def record_reply(
        self,
        uow: UnitOfWork,
        target: ReplyTarget,
        actor: Staff,
        *,
        text: str,
        staff_chat_id: int,
        staff_message_id: int,
    ) -> int:
        """Record a reply before it is sent (a kill after the send loses nothing); the relay's
        id, for `replied` once Telegram has it or `retract_reply` if Telegram refused it."""
        now, case = self._clock.now(), await self.get(uow, target.case.id)
        relay = await uow.relays.add(
            case_id=case.id,
            direction=RelayDirection.TO_PARENT,
            now=now,
            staff_id=actor.id,
            text=text,
            parent_chat_id=target.parent_chat_id,
            staff_chat_id=staff_chat_id,
            staff_message_id=staff_message_id,
        )
        await uow.cases.add_event(
            case_id=case.id,
            kind=EventKind.REPLY,
            now=now,
            actor_kind=ActorKind.STAFF,
            actor_staff_id=actor.id,
        )
        fields: dict[str, object] = {"is_parent_unreachable": False}
        if case.first_reply_at is None:
            fields["first_reply_at"] = now
        if case.stage == Stage.CLAIMED:
            fields["stage"] = Stage.GENERAL
            await uow.cases.add_event(
                case_id=case.id,
                kind=EventKind.STAGE,
                now=now,
                actor_kind=ActorKind.SYSTEM,
                from_value=Stage.CLAIMED,
                to_value=Stage.GENERAL,
            )
        await uow.cases.update_fields(case_id=case.id, now=now, **fields)
        return relay.id

    async def replied(self, uow: UnitOfWork, *, relay_id: int, parent_message_id: int) -> None:
        """The recorded reply reached the parent as message `parent_message_id`."""
        await uow.relays.set_parent_message(relay_id=relay_id, parent_message_id=parent_message_id)

    async def retract_reply(self, uow: UnitOfWork, *, relay_id: int) -> None:
        """Telegram refused the recorded reply: it never reached the parent."""
        await uow.relays.delete(relay_id=relay_id)

    async def mark_parent_unreachable(self, uow: UnitOfWork, target: ReplyTarget) -> None:
        """The parent blocked the bot: the case says so, and the user is marked blocked."""
        now, case = self._clock.now(), target.case
        await uow.cases.update_fields(case_id=case.id, now=now, is_parent_unreachable=True)
        await uow.cases.add_event(case_id=case.id, kind=EventKind.PARENT_UNREACHABLE, now=now)
        await uow.users.set_blocked(telegram_id=target.parent_chat_id, is_blocked=True)

    async def attach_from_parent(
        self,
        uow: UnitOfWork,
        *,
        telegram_id: int,
        text: str,
        chat_id: int,
        message_id: int,
        is_urgent: bool = False,
        is_held: bool = False,
    ) -> ParentAttachment | None:
        """Add a parent's message to their open case; None when they have none.

        The assignee is told, or the team while the case waits for one; an urgent message
        (crisis words) is flagged so. A held message (a question the bot answered) stays on
        the case until the parent asks to pass it on.
        """
        user = await uow.users.get_by_telegram_id(telegram_id=telegram_id)
        if user is None:
            return None
        case = await uow.cases.open_for_user(user_id=user.id)
        if case is None:
            return None
        now = self._clock.now()
        relay = await uow.relays.add(
            case_id=case.id,
            direction=RelayDirection.HELD if is_held else RelayDirection.TO_STAFF,
            now=now,
            text=text,
            parent_chat_id=chat_id,
            parent_message_id=message_id,
        )
        if is_urgent:
            await uow.cases.add_event(
                case_id=case.id, kind=EventKind.CRISIS, now=now, actor_kind=ActorKind.PARENT
            )
        if is_held:
            return ParentAttachment(case, relay.id, is_claimed=case.assignee_id is not None)
        return await self._pass_on(uow, case, relay, is_urgent=is_urgent)

    async def pass_on_held(
        self, uow: UnitOfWork, *, telegram_id: int, relay_id: int
    ) -> ParentAttachment | None:
        """The parent asked to pass a held question on to their case's reader."""
        relay = await self._own_relay(uow, telegram_id=telegram_id, relay_id=relay_id)
        if relay is None:
            return None
        case = await uow.cases.get(case_id=relay.case_id)
        if case is None or case.stage == Stage.CLOSED:
            return None
        if relay.direction != RelayDirection.HELD:  # pressed twice: already passed on
            return ParentAttachment(case, relay.id, is_claimed=case.assignee_id is not None)
        await uow.relays.set_direction(relay_id=relay.id, direction=RelayDirection.TO_STAFF)
        return await self._pass_on(uow, case, relay, is_urgent=False)

    async def parent_text(self, uow: UnitOfWork, *, telegram_id: int, relay_id: int) -> str | None:
        """The text of one of this parent's own messages on a case."""
        relay = await self._own_relay(uow, telegram_id=telegram_id, relay_id=relay_id)
        return relay.text if relay is not None else None

    async def _own_relay(
        self, uow: UnitOfWork, *, telegram_id: int, relay_id: int
    ) -> RelayMessage | None:
        user = await uow.users.get_by_telegram_id(telegram_id=telegram_id)
        relay = await uow.relays.get(relay_id=relay_id)
        if user is None or relay is None or relay.direction == RelayDirection.TO_PARENT:
            return None
        case = await uow.cases.get(case_id=relay.case_id)
        return relay if case is not None and case.user_id == user.id else None

    async def _pass_on(
        self, uow: UnitOfWork, case: Case, relay: RelayMessage, *, is_urgent: bool
    ) -> ParentAttachment:
        now = self._clock.now()
        assignee = await uow.staff.get(staff_id=case.assignee_id) if case.assignee_id else None
        if assignee is not None and not assignee.is_active:
            assignee = None
        await uow.cases.add_event(
            case_id=case.id, kind=EventKind.PARENT_MESSAGE, now=now, actor_kind=ActorKind.PARENT
        )
        note = ParentMessage(relay_id=relay.id, is_urgent=is_urgent)
        if assignee is not None:
            await uow.relays.set_staff(relay_id=relay.id, staff_id=assignee.id)
            targets: list[int | None] = [assignee.telegram_id]
            if is_urgent and self._team_chat_id is not None:
                targets.append(self._team_chat_id)
        elif self._team_chat_id is not None:
            targets = [self._team_chat_id]
        else:
            targets = [admin.telegram_id for admin in await uow.staff.admins()]
        for chat_id in targets:
            await self._notifier.enqueue(
                uow,
                note,
                chat_id=chat_id,
                case_id=case.id,
                dedupe_key=f"relay:{relay.id}:{chat_id}",
            )
        return ParentAttachment(case, relay.id, is_claimed=assignee is not None)

    async def case_for_staff_reply(
        self, uow: UnitOfWork, *, staff_chat_id: int, replied_message_id: int
    ) -> Case | None:
        """The case behind a relayed message a staff member replied to."""
        relay = await uow.relays.find_by_staff_message(
            staff_chat_id=staff_chat_id, staff_message_id=replied_message_id
        )
        return await uow.cases.get(case_id=relay.case_id) if relay else None

    # ---- notifications -------------------------------------------------------------------

    async def enqueue_card(self, uow: UnitOfWork, case: Case, *, key: str) -> None:
        """The team card of a case waiting for an assignee."""
        await self._notifier.enqueue(
            uow,
            NewCaseCard(case_id=case.id),
            chat_id=self._team_chat_id,
            case_id=case.id,
            dedupe_key=key,
        )

    async def _notify_parent(self, uow: UnitOfWork, case: Case, text: str, *, key: str) -> None:
        user = await uow.users.get(user_id=case.user_id) if case.user_id else None
        if user is None or user.is_blocked:
            return
        await self._notifier.enqueue(
            uow,
            ParentNotice(text=text),
            chat_id=user.telegram_id,
            case_id=case.id,
            dedupe_key=key[:128],
        )

    async def _move(
        self, uow: UnitOfWork, case: Case, actor: Staff, target: Stage, text: str | None = None
    ) -> None:
        if not stages.can_move(case.stage, target):
            raise CaseError(
                texts.STAGE_NOT_ALLOWED.format(
                    current=stages.STAGE_LABELS.get(case.stage, case.stage),
                    target=stages.STAGE_LABELS.get(target, target),
                )
            )
        now = self._clock.now()
        kind = EventKind.CLOSED if target == Stage.CLOSED else EventKind.STAGE
        await uow.cases.add_event(
            case_id=case.id,
            kind=kind,
            now=now,
            actor_kind=ActorKind.STAFF,
            actor_staff_id=actor.id,
            from_value=case.stage,
            to_value=target,
            text=text,
        )
        await uow.cases.update_fields(case_id=case.id, now=now, stage=target)
        await uow.cases.refresh(case)

    def _require_owner(self, case: Case, actor: Staff) -> None:
        if not is_owner(case, actor):
            raise CaseError(texts.NOT_YOUR_CASE)

    async def _find_staff(self, uow: UnitOfWork, ref: str) -> Staff:
        ref = ref.strip()
        staff = None
        if ref.lstrip("-").isdigit():
            staff = await uow.staff.get_active(telegram_id=int(ref))
        else:
            staff = await uow.staff.get_active_by_username(username=ref.lstrip("@"))
        if staff is None:
            raise CaseError(texts.STAFF_NOT_FOUND)
        return staff


def role_from_text(text: str) -> Role | None:
    """A role typed by staff, by its Korean name (노무사) or its id (attorney)."""
    for role, name in texts.ROLE_LABELS.items():
        if text in (role, name):
            return Role(role)
    return None


def staff_label(staff: Staff) -> str:
    return staff.display_name or (
        f"@{staff.username}" if staff.username else str(staff.telegram_id)
    )


def is_owner(case: Case, actor: Staff) -> bool:
    """The case's assignee or an admin: may act on it and see its contact and files."""
    return actor.role == Role.ADMIN or case.assignee_id == actor.id


def _require_admin(actor: Staff) -> None:
    if actor.role != Role.ADMIN:
        raise CaseError(texts.ADMIN_ONLY)


def waiting_since(case: Case) -> datetime:
    return case.last_reminded_at or case.created_at
