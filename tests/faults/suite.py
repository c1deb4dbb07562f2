"""The fault cases, run against the real bot process, and the counts that judge them.

Each case drives parents and staff through the emulator while the proxy or the database
misbehaves, or the bot is SIGKILLed at a chosen Bot API call. At the end everything is
counted from the database and from the chats the emulator holds:
expected / stored / duplicated / lost per kind of thing.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

import asyncpg

from tests.e2e.client import CASE_NUMBER, BotMessage, Sent, User, wait_until
from tests.e2e.processes import TEAM_CHAT_ID
from tests.faults import parent as intake
from tests.faults.parent import Parent
from tests.faults.proxy import Rule
from tests.faults.world import World

logger = logging.getLogger("faults")

APOLOGY: Final = "문제가 생겼어요"
CARD_MARK: Final = "새 상담"
RELAY_ACK: Final = "전달했어요"
REPLY_SENT: Final = "부모님께 보냈어요"
RECEIPT: Final = "접수번호"
SENT_AGAIN: Final = "🔁"  # a repeat of a send that may have arrived says so
# The order of kills: a quick run of five covers (a), (b), (c) and (e).
KILL_MOMENTS: Final = ("receipt", "relay_ack", "staff_reply", "card", "mid_update", "relay_out")
KILL_TIMEOUT: Final = 20.0
ANSWER_WITHIN: Final = 5.0  # seconds to the apology while the database is down or frozen
TIMEOUT_WAIT: Final = 15.0  # longer than the bot's read timeout of a held call


@dataclass
class Options:
    kills: int = 50
    outage_seconds: float = 20.0
    freeze_seconds: float = 20.0
    parents_during_db_fault: int = 4
    repeats: int = 2  # of the cases without kills
    final_story: bool = True  # one more story once all faults are over
    settle_seconds: float = 90.0  # rows due within a minute (see wait_outbox_settled) get sent


@dataclass
class Row:
    case: str
    expected: int = 0
    stored: int = 0
    duplicated: int = 0
    lost: int = 0
    note: str = ""

    @property
    def failed(self) -> bool:
        return self.lost > 0 or self.duplicated > 0


@dataclass
class Relay:
    parent: Parent
    token: str
    acked: bool


@dataclass
class StaffReply:
    parent: Parent
    token: str
    confirmed: bool


@dataclass
class Run:
    world: World
    options: Options
    parents: list[Parent] = field(default_factory=list)
    relays: list[Relay] = field(default_factory=list)
    replies: list[StaffReply] = field(default_factory=list)
    kill_counts: Counter[str] = field(default_factory=Counter)
    fault_counts: Counter[str] = field(default_factory=Counter)
    rows: list[Row] = field(default_factory=list)
    during_db_faults: set[int] = field(default_factory=set)
    user_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(8_500_001))
    tokens: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    # ---- helpers ------------------------------------------------------------------------------

    def new_parent(self, *, does_intake: bool = True) -> Parent:
        parent = Parent(User(next(self.user_ids), "부모"), does_intake=does_intake)
        self.parents.append(parent)
        return parent

    def token(self, kind: str) -> str:
        return f"{kind}{next(self.tokens):04d}"

    def arm(self, moment: str, action: str, **match: Any) -> tuple[str, Rule]:
        """A rule on sendMessage for `moment`; a kill action SIGKILLs the bot at that call."""
        rule = Rule("sendMessage", action, **match)
        if action.startswith("kill"):
            rule.hook = self.world.kill_now
        return moment, self.world.faults.add(rule)

    def happened(self, armed: tuple[str, Rule]) -> bool:
        """Wait for an armed rule to fire (restart the bot after a kill); False if the call
        never came."""
        moment, rule = armed
        if not rule.done.wait(KILL_TIMEOUT):
            self.world.faults.clear()
            logger.warning("%s at %s: the call never came", rule.action, moment)
            return False
        if rule.action.startswith("kill"):
            self.world.restart_after_kill()
            self.kill_counts[moment] += 1
        else:
            self.fault_counts[f"{rule.action} at {moment}"] += 1
        return True

    @property
    def kills(self) -> int:
        return sum(self.kill_counts.values())

    # ---- one parent's whole story, with faults at chosen calls --------------------------------

    def story(self, plan: dict[str, str]) -> None:
        """Intake, the team card, a claim, a relay each way; `plan` maps moments (receipt,
        card, relay_ack, relay_out, staff_reply, mid_update) to the proxy action there."""
        world, tg = self.world, self.world.tg
        parent = self.new_parent()
        step, prompt = intake.begin(tg, parent)
        if "mid_update" in plan:
            text_step = intake.TEXT_STEPS[parent.user.id % len(intake.TEXT_STEPS)]
            step, prompt = intake.run_steps(tg, parent, step, prompt, text_step)
            step, prompt = self.kill_mid_update(parent, step, prompt)
        step, prompt = intake.run_steps(tg, parent, step, prompt, len(intake.STEPS) - 1)
        if step < len(intake.STEPS):
            armed = []
            if "receipt" in plan:
                armed.append(
                    self.arm("receipt", plan["receipt"], chat_id=parent.user.id, contains=RECEIPT)
                )
            if "card" in plan:
                armed.append(
                    self.arm("card", plan["card"], chat_id=TEAM_CHAT_ID, contains=CARD_MARK)
                )
            sent = intake.act(tg, parent, step, prompt)
            for rule in armed:
                self.happened(rule)
            reply = intake.wait_reply(tg, sent, intake.SUBMITTED)
            found = CASE_NUMBER.search(reply.text) if reply is not None else None
            parent.number = found.group() if found else None
        if parent.number is None:
            intake.learn_number_from_status(tg, parent)
        assert parent.number is not None, f"parent {parent.user.id} has no case number"
        self.claim(parent.number)
        self.relay(parent, plan)
        self.staff_reply(parent, plan)
        world.ensure_running()

    def kill_mid_update(
        self, parent: Parent, step: int, prompt: BotMessage
    ) -> tuple[int, BotMessage]:
        """The answer's reply is held at the proxy; the parent writes again meanwhile (the
        bot fetches that update too); SIGKILL while both are in the bot."""
        world, tg = self.world, self.world.tg
        release = threading.Event()
        held = world.faults.add(
            Rule("sendMessage", "delay", chat_id=parent.user.id, release=release)
        )
        intake.act(tg, parent, step, prompt)
        if held.started.wait(KILL_TIMEOUT):
            again = tg.send(parent.user, "/status")
            parent.sent.append(again)
            # Killed once the bot has fetched it and polled again: PTB's own polling would
            # have confirmed it to Telegram by then.
            wait_until(
                lambda: tg.state()["deliveries"].get(str(again.update_id), 0) > 0,
                timeout=10,
                what="the bot to fetch the second update",
            )
            polls = tg.state()["get_updates_calls"]
            with contextlib.suppress(AssertionError):
                wait_until(
                    lambda: tg.state()["get_updates_calls"] > polls,
                    timeout=5,
                    what="the next poll",
                )
            world.kill_now()
            world.restart_after_kill()
            self.kill_counts["mid_update"] += 1
        else:
            world.faults.clear()
        release.set()
        found = None
        while found is None:
            found = intake.recover(tg, parent)
        return found

    def claim(self, number: str) -> None:
        """The admin presses "배정받기" on the case's card (again, if nothing happened)."""
        world, tg, admin = self.world, self.world.tg, self.world.admin
        card = tg.wait_for(
            TEAM_CHAT_ID, lambda m: number in m.text and CARD_MARK in m.text, timeout=30
        )

        def claimed() -> bool:
            rows = world.query("SELECT assignee_id FROM cases WHERE number = $1", number)
            return bool(rows and rows[0]["assignee_id"] is not None)

        for _ in range(5):
            tg.press(admin, card, "배정받기")
            with contextlib.suppress(AssertionError):
                wait_until(claimed, timeout=8, what=f"case {number} claimed")
            if claimed():
                return
            world.ensure_running()
        raise AssertionError(f"case {number} could not be claimed")

    def relay(self, parent: Parent, plan: dict[str, str]) -> None:
        tg = self.world.tg
        token = self.token("R")
        armed = []
        if "relay_ack" in plan:
            armed.append(
                self.arm(
                    "relay_ack", plan["relay_ack"], chat_id=parent.user.id, contains=RELAY_ACK
                )
            )
        if "relay_out" in plan:
            armed.append(
                self.arm(
                    "relay_out", plan["relay_out"], chat_id=self.world.admin.id, contains=token
                )
            )
        sent = tg.send(parent.user, f"네 알겠습니다 연락 기다릴게요 {token}")
        parent.sent.append(sent)
        for rule in armed:
            self.happened(rule)
        ack = intake.wait_reply(tg, sent, RELAY_ACK)
        self.relays.append(Relay(parent, token, acked=ack is not None))

    def staff_reply(self, parent: Parent, plan: dict[str, str]) -> None:
        tg, admin = self.world.tg, self.world.admin
        token = self.token("S")
        armed = None
        if "staff_reply" in plan:
            armed = self.arm(
                "staff_reply", plan["staff_reply"], chat_id=parent.user.id, contains=token
            )
        sent = tg.send(admin, f"/reply {parent.number} 안녕하세요, 통화 가능하실까요? {token}")
        if armed is not None:
            self.happened(armed)
        done = intake.wait_reply(tg, sent, REPLY_SENT)
        self.replies.append(StaffReply(parent, token, confirmed=done is not None))

    # ---- Telegram faults without kills --------------------------------------------------------

    def ambiguous_faults(self) -> None:
        """(c) ambiguous answers: the call was carried out, the bot hears a timeout or a 502
        (the receipt, the team card, the relay to staff, a staff reply)."""
        moments = ("receipt", "card", "relay_out", "staff_reply")
        if self.options.repeats < 2:  # quick: each moment once, one timeout (the card's)
            self.story({**dict.fromkeys(moments, "fail_after"), "card": "timeout"})
        else:
            for action in ("timeout", "fail_after"):
                self.story(dict.fromkeys(moments, action))
        self.world.faults.clear()

    def prompt_502(self) -> Row:
        """(f) the next intake question gets 502 (not posted): the parent is not stranded."""
        tg = self.world.tg
        row = Row("(f) 502 on the next intake question", note="parent told, resumes")
        for _ in range(self.options.repeats):
            parent = self.new_parent()
            step, prompt = intake.begin(tg, parent)
            rule = self.world.faults.add(
                Rule("sendMessage", "fail_before", chat_id=parent.user.id, contains="누구인가요")
            )
            step, prompt = intake.run_steps(tg, parent, step, prompt, 2)
            sent = intake.act(tg, parent, step, prompt)
            rule.done.wait(KILL_TIMEOUT)
            row.expected += 1
            apology = intake.wait_reply(tg, sent, APOLOGY)
            if apology is None:
                row.lost += 1
            else:
                row.stored += 1
            found = None
            while found is None:
                found = intake.recover(tg, parent)
            intake.run_steps(tg, parent, *found, len(intake.STEPS))
        return row

    def held_call(self, action: str) -> Row:
        """(d) parent A's reply is held at the proxy (or gets a 429 with retry_after 5 s);
        B's is answered meanwhile, and A's comes once the hold ends."""
        tg = self.world.tg
        what = "a Bot API call held" if action == "delay" else "429 retry_after 3 s"
        row = Row(f"(d) {what} on one chat", note="other chat answered meanwhile")
        for _ in range(self.options.repeats):
            a, b = self.new_parent(does_intake=False), self.new_parent(does_intake=False)
            release = threading.Event()
            rule = self.world.faults.add(
                Rule(
                    "sendMessage",
                    action,
                    chat_id=a.user.id,
                    release=release if action == "delay" else None,
                    retry_after=3,
                )
            )
            sent_a = tg.send(a.user, "/help")
            rule.started.wait(KILL_TIMEOUT)
            sent_b = tg.send(b.user, "/help")
            row.expected += 1
            b_reply = intake.wait_reply(tg, sent_b, "", timeout=2.5)
            a_before = tg.bot_messages(a.user, after=sent_a.after)
            if b_reply is not None and not a_before:
                row.stored += 1
            else:
                row.lost += 1
            release.set()
            if intake.wait_reply(tg, sent_a, "", timeout=15) is None:
                row.lost += 1
            self.world.faults.clear()
        return row

    # ---- database faults ----------------------------------------------------------------------

    def database_fault(self, kind: str, seconds: float) -> Row:
        """(e) the database is stopped (or frozen) for `seconds` while parents write, at its
        start and halfway: each message gets one answer (the apology), none is met with
        silence or two apologies; afterwards they make their requests."""
        world, tg = self.world, self.world.tg
        row = Row(
            f"(e) database {kind} {seconds:.0f} s: messages answered",
            note="duplicated: two answers; lost: silence",
        )
        users = [self.new_parent() for _ in range(self.options.parents_during_db_fault)]
        started = time.monotonic()
        if kind == "outage":
            world.postgres.outage()
        else:
            world.postgres.freeze()
        sent: list[tuple[Parent, Sent]] = []
        sent_at: list[float] = []
        first_answers: dict[int, float] = {}  # index in `sent` -> seconds to its answer
        rounds = [started, started + seconds / 2]  # when the parents write
        try:
            while time.monotonic() < started + seconds:  # while the fault lasts
                if rounds and time.monotonic() >= rounds[0]:
                    rounds.pop(0)
                    for parent in users:
                        message = tg.send(parent.user, "/help")
                        parent.sent.append(message)
                        sent.append((parent, message))
                        sent_at.append(time.monotonic())
                        self.during_db_faults.add(message.update_id)
                self.note_answers(sent, sent_at, first_answers)
                time.sleep(0.1)
        finally:
            if kind == "outage":
                world.postgres.start()
            else:
                world.postgres.thaw()
        self.judge_answers(row, sent)
        self.note_answers(sent, sent_at, first_answers)
        slow = [i for i, seconds in first_answers.items() if seconds > ANSWER_WITHIN]
        row.stored -= len(slow)  # an answer after the limit is silence to the parent
        row.lost += len(slow)
        slowest = max(first_answers.values(), default=0.0)
        row.note += f"; slowest first answer {slowest:.1f} s (limit {ANSWER_WITHIN:.0f} s)"
        for parent in users:  # and their intakes work afterwards
            self.finish_intake(parent)
        return row

    def note_answers(
        self, sent: list[tuple[Parent, Sent]], sent_at: list[float], seen: dict[int, float]
    ) -> None:
        """Record when each message got its first answer: a parent's k-th message during the
        fault is answered by their k-th bot message after the first one sent."""
        tg = self.world.tg
        now = time.monotonic()
        by_parent: dict[int, list[int]] = {}
        for i, (parent, _message) in enumerate(sent):
            by_parent.setdefault(parent.user.id, []).append(i)
        for indexes in by_parent.values():
            parent, first = sent[indexes[0]][0], sent[indexes[0]][1]
            answers = len(tg.bot_messages(parent.user, after=first.after))
            for i in indexes[:answers]:
                seen.setdefault(i, now - sent_at[i])

    def judge_answers(self, row: Row, sent: list[tuple[Parent, Sent]]) -> None:
        """Each message sent gets one answer: as many answers as messages, per parent."""
        tg = self.world.tg
        for _parent, message in sent:
            with contextlib.suppress(AssertionError):
                tg.reply(message, timeout=30)
        by_parent: dict[int, list[Sent]] = {}
        parents = {p.user.id: p for p, _ in sent}
        for parent, message in sent:
            by_parent.setdefault(parent.user.id, []).append(message)
        for user_id, messages in by_parent.items():
            first, count = min(m.after for m in messages), len(messages)
            with contextlib.suppress(AssertionError):  # answers still coming
                wait_until(
                    lambda u=user_id, f=first, n=count: (
                        len(tg.bot_messages(parents[u].user, after=f)) >= n
                    ),
                    timeout=15,
                    what="an answer to each message",
                )
            answers = len(tg.bot_messages(parents[user_id].user, after=first))
            row.expected += len(messages)
            row.stored += min(answers, len(messages))
            row.duplicated += max(answers - len(messages), 0)
            row.lost += max(len(messages) - answers, 0)

    def finish_intake(self, parent: Parent) -> None:
        """Resume the parent's intake (/consult) and take it to the end."""
        tg = self.world.tg
        found = None
        while found is None:
            found = intake.recover(tg, parent)
        intake.run_steps(tg, parent, *found, len(intake.STEPS))
        if parent.number is None:
            intake.learn_number_from_status(tg, parent)

    # ---- the whole run ------------------------------------------------------------------------

    def execute(self) -> list[Row]:
        self.phase("held call", lambda: self.rows.append(self.held_call("delay")))
        self.phase("429", lambda: self.rows.append(self.held_call("rate_limit")))
        self.phase("timeouts and 502s after posting", self.ambiguous_faults)
        self.phase("502 on a question", lambda: self.rows.append(self.prompt_502()))
        # Stories until the kills are done; each story kills at up to all six moments.
        rotation = itertools.cycle(KILL_MOMENTS)
        for _ in range(self.options.kills):
            if self.kills >= self.options.kills:
                break
            wanted = min(len(KILL_MOMENTS), self.options.kills - self.kills)
            plan = {next(rotation): "kill_after" for _ in range(wanted)}
            self.phase(f"story killed at {sorted(plan)}", lambda p=plan: self.story(p))
        for kind, seconds in (
            ("outage", self.options.outage_seconds),
            ("freeze", self.options.freeze_seconds),
        ):
            if seconds > 0:
                self.phase(
                    f"database {kind}",
                    lambda k=kind, s=seconds: self.rows.append(self.database_fault(k, s)),
                )
        if self.options.final_story:
            self.phase("a story without faults", lambda: self.story({}))
        self.world.faults.clear()
        settled = self.world.wait_outbox_settled(self.options.settle_seconds)
        self.rows[:0] = self.count(settled)
        return self.rows

    def phase(self, name: str, action: Callable[[], object]) -> None:
        started = time.monotonic()
        action()
        logger.info("%s: %.1f s (kills so far %d)", name, time.monotonic() - started, self.kills)

    # ---- counting -----------------------------------------------------------------------------

    def count(self, settled: bool) -> list[Row]:
        """The counts, from the database and the chats the emulator holds."""
        intakes = [p for p in self.parents if p.does_intake]
        cases = self.world.query(
            "SELECT c.number, c.assignee_id, u.telegram_id FROM cases c "
            "JOIN users u ON u.id = c.user_id WHERE u.telegram_id = ANY($1::bigint[])",
            [p.user.id for p in intakes],
        )
        relays = self.world.query("SELECT text, direction FROM relay_messages")
        rows = [
            self.count_cases(intakes, cases),
            self.count_confirmations(intakes),
            self.count_cards(cases),
            *self.count_relays(relays),
            self.count_staff_replies(relays),
            self.count_updates(),
        ]
        if not settled:
            rows.append(Row("outbox settled", expected=1, lost=1, note="rows still due"))
        rows.append(
            Row(
                "SIGKILLs at targeted calls",
                expected=self.options.kills,
                stored=self.kills,
                note=", ".join(f"{k} {v}" for k, v in sorted(self.kill_counts.items())),
            )
        )
        if self.fault_counts:
            rows.append(
                Row(
                    "timeouts / 502s after posting",
                    expected=sum(self.fault_counts.values()),
                    stored=sum(self.fault_counts.values()),
                    note=", ".join(f"{k} {v}" for k, v in sorted(self.fault_counts.items())),
                )
            )
        return rows

    def count_cases(self, intakes: list[Parent], cases: list[asyncpg.Record]) -> Row:
        """One case per parent; the number told is the number stored for that parent, and no
        number is told twice."""
        by_parent: dict[int, list[str]] = {}
        for case in cases:
            by_parent.setdefault(int(case["telegram_id"]), []).append(str(case["number"]))
        row = Row("cases (one intake per parent)", expected=len(intakes))
        reused = 0
        for p in intakes:
            stored = by_parent.get(p.user.id, [])
            row.stored += min(len(stored), 1)
            row.duplicated += max(len(stored) - 1, 0)
            row.lost += 0 if stored else 1
            reused += 1 if p.number is not None and p.number not in stored else 0
        told = Counter(p.number for p in intakes if p.number)
        reused += sum(n - 1 for n in told.values() if n > 1)
        row.lost += reused
        row.note = f"numbers reused: {reused}"
        return row

    def count_confirmations(self, intakes: list[Parent]) -> Row:
        """The "접수번호" message, once per parent."""
        row = Row("confirmations (접수번호 to the parent)", expected=len(intakes))
        for p in intakes:
            shown = [m for m in self.world.tg.bot_messages(p.user) if RECEIPT in m.text]
            row.stored += min(len(shown), 1)
            row.duplicated += max(len(shown) - 1, 0)
            row.lost += 0 if shown else 1
        return row

    def count_cards(self, cases: list[asyncpg.Record]) -> Row:
        """Exactly one team card per case."""
        team = self.world.tg.bot_messages(TEAM_CHAT_ID)
        row = Row("team cards (one per case)", expected=len(cases))
        for case in cases:
            posted = [m for m in team if CARD_MARK in m.text and str(case["number"]) in m.text]
            row.stored += min(len(posted), 1)
            row.duplicated += max(len(posted) - 1, 0)
            row.lost += 0 if posted else 1
        return row

    def count_relays(self, relays: list[asyncpg.Record]) -> list[Row]:
        """A parent's message acknowledged with "전달했어요" is stored once and reaches the
        staff member once; a send whose answer was lost is sent again, marked as such, so
        only an unmarked second copy counts as duplicated."""
        staff_chat = self.world.tg.bot_messages(self.world.admin)
        acked = [r for r in self.relays if r.acked]
        stored_row = Row("relays parent→staff stored (acked)", expected=len(acked))
        sent_row = Row("relays parent→staff delivered", expected=len(acked))
        marked = 0
        for relay in self.relays:
            stored = [x for x in relays if relay.token in (x["text"] or "")]
            delivered = [m for m in staff_chat if relay.token in m.text]
            unmarked = [m for m in delivered if not m.text.startswith(SENT_AGAIN)]
            marked += len(delivered) - len(unmarked)
            stored_row.duplicated += max(len(stored) - 1, 0)
            sent_row.duplicated += max(len(unmarked) - 1, 0)
            if relay.acked:
                stored_row.stored += 1 if stored else 0
                stored_row.lost += 0 if stored else 1
                sent_row.stored += 1 if delivered else 0
                sent_row.lost += 0 if delivered else 1
        unacked = len(self.relays) - len(acked)
        stored_row.note = f"not acknowledged: {unacked}"
        sent_row.note = f"sent again marked 🔁 (may have arrived before): {marked}"
        return [stored_row, sent_row]

    def count_staff_replies(self, relays: list[asyncpg.Record]) -> Row:
        """A /reply that reached the parent is recorded once, and a recorded one reached them."""
        row = Row("staff /reply (delivered = recorded)")
        for reply in self.replies:
            stored = [x for x in relays if reply.token in (x["text"] or "")]
            delivered = [
                m for m in self.world.tg.bot_messages(reply.parent.user) if reply.token in m.text
            ]
            row.expected += 1 if delivered or stored else 0
            row.stored += 1 if stored and delivered else 0
            row.lost += 1 if bool(delivered) != bool(stored) else 0
            row.duplicated += max(len(delivered) - 1, 0) + max(len(stored) - 1, 0)
        unconfirmed = sum(1 for r in self.replies if not r.confirmed)
        row.note = f"'보냈어요' not shown (timeout or kill): {unconfirmed}"
        return row

    def count_updates(self) -> Row:
        """Every update the parents sent was processed (claimed) once, except those sent
        while the database was down, which got the apology."""
        update_ids = [s.update_id for p in self.parents for s in p.sent]
        processed = {
            int(r["update_id"])
            for r in self.world.query(
                "SELECT update_id FROM processed_updates WHERE update_id = ANY($1::bigint[])",
                update_ids,
            )
        }
        expected = [u for u in update_ids if u not in self.during_db_faults]
        row = Row(
            "parents' updates processed",
            expected=len(expected),
            stored=sum(1 for u in expected if u in processed),
        )
        row.lost = row.expected - row.stored
        row.note = f"sent while the database was down (apology): {len(self.during_db_faults)}"
        return row


def render(rows: list[Row]) -> str:
    header = ("case", "expected", "stored", "duplicated", "lost", "note")
    table = [header] + [
        (r.case, str(r.expected), str(r.stored), str(r.duplicated), str(r.lost), r.note)
        for r in rows
    ]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    lines = []
    for i, line in enumerate(table):
        lines.append(
            "| " + " | ".join(cell.ljust(widths[j]) for j, cell in enumerate(line)) + " |"
        )
        if i == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def run(options: Options, *, on_world: Callable[[World], None] | None = None) -> list[Row]:
    with World() as world:
        if on_world is not None:
            on_world(world)
        return Run(world, options).execute()
