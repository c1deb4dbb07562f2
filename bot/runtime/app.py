"""Composition root: builds the PTB Application from Settings and Services."""

from __future__ import annotations

import logging
from datetime import time
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    Update,
)
from telegram.constants import ParseMode
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest, HTTPXRequest

from bot import texts
from bot.runtime.in_flight import IN_FLIGHT_KEY, UpdatesInFlight
from bot.runtime.polling import ConfirmWhenProcessed
from bot.runtime.ratelimit import PerChatRateLimiter
from bot.services import Services
from handlers import (
    calc,
    callbacks,
    common,
    curation,
    documents,
    errors,
    faq,
    feedback,
    guard,
    intake,
    jobs,
    privacy,
    reports,
    routing,
    satisfaction,
    staff,
)
from handlers.context import SERVICES_KEY, CounselApp, CounselContext
from handlers.ordering import PerChatUpdateProcessor
from handlers.recording import RecordingRequest
from handlers.transaction import commit_before_speaking, update_transaction

logger = logging.getLogger(__name__)


def build_application(
    services: Services, *, request: BaseRequest | None = None, rate_limited: bool | None = None
) -> CounselApp:
    """The bot with every handler registered; `request` replaces the HTTP transport.

    Telegram's rate limits are applied to real traffic by default (`rate_limited`).
    """
    settings = services.settings
    token = (
        settings.telegram_bot_token.get_secret_value()
        if settings.telegram_bot_token
        else "0:local"
    )

    async def on_transaction_failure(update: object, error: Exception) -> None:
        await app.process_error(update, error)  # `app` is built below

    in_flight = UpdatesInFlight()

    def on_update_done(update: object) -> None:
        if isinstance(update, Update):
            in_flight.done(update.update_id)

    builder: Any = (
        ApplicationBuilder()
        .token(token)
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.tz))
        .context_types(ContextTypes(context=CounselContext))
        .post_init(on_startup)
        # 16 chats at once, each in order; on SQLite too, where a write that meets another's
        # lock waits without stopping the loop (`storage/sqlite_inline.py`).
        .concurrent_updates(
            PerChatUpdateProcessor(
                16,
                transaction=lambda: update_transaction(services.database, services.clock),
                on_failure=on_transaction_failure,
                on_done=on_update_done,
            )
        )
    )
    if rate_limited if rate_limited is not None else request is None:
        builder = builder.rate_limiter(PerChatRateLimiter(max_retries=3))
    if request is not None:
        builder = (
            builder.request(RecordingRequest(request, commit_before_speaking))
            .get_updates_request(request)
            .updater(None)
        )
    else:
        builder = builder.request(
            RecordingRequest(HTTPXRequest(connection_pool_size=64), commit_before_speaking)
        )
        # On shutdown PTB confirms fetched updates with one more get_updates while the
        # cancelled long poll may still hold its connection: give it a second one. Updates
        # are confirmed to Telegram only once processed (a kill loses none).
        builder = builder.get_updates_request(
            ConfirmWhenProcessed(HTTPXRequest(connection_pool_size=2), in_flight)
        )
        if settings.telegram_base_url:
            base = settings.telegram_base_url.rstrip("/")
            builder = builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
    app: CounselApp = builder.build()
    app.bot_data[SERVICES_KEY] = services
    app.bot_data[IN_FLIGHT_KEY] = in_flight
    register_handlers(app)
    if app.job_queue is not None:
        hour, minute = (int(x) for x in settings.digest_time.split(":"))
        jobs.schedule(
            app.job_queue,
            outbox_interval=settings.outbox_interval_seconds,
            digest_at=time(hour, minute, tzinfo=settings.tz),
        )
        app.job_queue.run_daily(
            reports.purge_job, time=time(3, 30, tzinfo=settings.tz), name="purge"
        )
    return app


def register_guards(app: CounselApp) -> None:
    """Handlers that run before the features and may stop an update."""
    # -3 filters chats; -2 claims the update's id in its transaction (opened by the update
    # processor, rolled back by the error handler) and applies the per-user rate limit.
    app.add_handler(TypeHandler(Update, guard.filter_chats), group=-3)
    app.add_handler(TypeHandler(Update, guard.claim_update), group=-2)


def register_followers(app: CounselApp) -> None:
    """Handlers that run after the features, for what an update also means."""
    # Group 1: a command or the menu in the middle of an intake keeps the draft and says so.
    app.add_handler(CommandHandler(["start", "help", "menu", "status"], intake.pause_for), group=1)
    app.add_handler(CallbackQueryHandler(intake.pause_for, pattern=f"^{callbacks.MENU}$"), group=1)
    # Group 2: a command or another button ends a satisfaction comment being waited for
    # (after the features: only a typed text reads that window).
    commands = filters.COMMAND & filters.ChatType.PRIVATE
    app.add_handler(MessageHandler(commands, satisfaction.end_comment_window), group=2)
    app.add_handler(CallbackQueryHandler(satisfaction.end_comment_window), group=2)


def register_handlers(app: CounselApp) -> None:
    register_guards(app)

    # Group 0: features. Parents' commands first, then staff tools.
    app.add_handler(CommandHandler("start", common.cmd_start))
    app.add_handler(CommandHandler("help", common.cmd_help))
    app.add_handler(CommandHandler("menu", common.cmd_menu))
    app.add_handler(CommandHandler("consult", intake.cmd_consult))
    app.add_handler(CommandHandler("calc", calc.cmd_calc))
    app.add_handler(CallbackQueryHandler(calc.on_calc_button, pattern=callbacks.CALC_PATTERN))
    app.add_handler(CommandHandler("back", intake.cmd_back))
    app.add_handler(CommandHandler("cancel", intake.cmd_cancel))
    app.add_handler(CommandHandler("status", intake.cmd_status))
    app.add_handler(CommandHandler("delete", intake.cmd_delete))
    app.add_handler(CommandHandler("discreet", privacy.cmd_discreet))
    app.add_handler(CommandHandler("clear", privacy.cmd_clear))
    app.add_handler(CallbackQueryHandler(privacy.on_clear_button, pattern=callbacks.CLEAR_PATTERN))
    # Staff (checked against the staff table on every call).
    for name, callback in (
        ("queue", staff.cmd_queue),
        ("mine", staff.cmd_mine),
        ("case", staff.cmd_case),
        ("claim", staff.cmd_claim),
        ("release", staff.cmd_release),
        ("assign", staff.cmd_assign),
        ("reply", staff.cmd_reply),
        ("note", staff.cmd_note),
        ("stage", staff.cmd_stage),
        ("refer", staff.cmd_refer),
        ("close", staff.cmd_close),
        ("staff", staff.cmd_staff),
    ):
        app.add_handler(CommandHandler(name, callback))
    app.add_handler(CallbackQueryHandler(staff.on_claim_button, pattern=callbacks.CLAIM_PATTERN))
    app.add_handler(CallbackQueryHandler(staff.on_detail_button, pattern=callbacks.DETAIL_PATTERN))
    app.add_handler(CallbackQueryHandler(staff.on_stage_button, pattern=callbacks.STAGE_PATTERN))
    app.add_handler(CallbackQueryHandler(staff.on_close_button, pattern=callbacks.CLOSE_PATTERN))
    app.add_handler(
        CallbackQueryHandler(documents.on_documents_button, pattern=callbacks.DOCUMENTS_PATTERN)
    )
    app.add_handler(CommandHandler("report", reports.cmd_report))
    app.add_handler(CommandHandler("reload_faq", faq.cmd_reload_faq))
    app.add_handler(CommandHandler("unanswered", curation.cmd_unanswered))
    app.add_handler(CommandHandler("faq_review", curation.cmd_faq_review))
    app.add_handler(CommandHandler("faq_undo", curation.cmd_faq_undo))
    app.add_handler(
        CallbackQueryHandler(curation.on_curation_button, pattern=callbacks.CURATION_PATTERN)
    )
    app.add_handler(CallbackQueryHandler(common.on_menu_button, pattern=f"^{callbacks.MENU}$"))
    app.add_handler(CallbackQueryHandler(intake.cmd_consult, pattern=f"^{callbacks.CONSULT}$"))
    app.add_handler(
        CallbackQueryHandler(intake.on_intake_button, pattern=callbacks.INTAKE_PATTERN)
    )
    app.add_handler(
        CallbackQueryHandler(
            intake.on_consult_choice,
            pattern=f"^({callbacks.CONSULT_ADD}|{callbacks.CONSULT_NEW})$",
        )
    )
    app.add_handler(
        CallbackQueryHandler(routing.on_connect_button, pattern=f"^{callbacks.CRISIS_CONNECT}$")
    )
    app.add_handler(
        CallbackQueryHandler(routing.on_forward_button, pattern=callbacks.FORWARD_PATTERN)
    )
    app.add_handler(
        CallbackQueryHandler(routing.on_ask_bot_button, pattern=callbacks.ASK_BOT_PATTERN)
    )
    app.add_handler(
        CallbackQueryHandler(intake.on_delete_button, pattern=callbacks.DELETE_PATTERN)
    )
    app.add_handler(CallbackQueryHandler(faq.on_group_button, pattern=callbacks.GROUP_PATTERN))
    app.add_handler(CallbackQueryHandler(faq.on_entry_button, pattern=callbacks.ENTRY_PATTERN))
    app.add_handler(CallbackQueryHandler(faq.on_more_button, pattern=callbacks.MORE_PATTERN))
    app.add_handler(
        CallbackQueryHandler(faq.on_feedback_button, pattern=callbacks.FEEDBACK_PATTERN)
    )
    app.add_handler(
        CallbackQueryHandler(feedback.on_reason_button, pattern=callbacks.FEEDBACK_REASON_PATTERN)
    )
    app.add_handler(
        CallbackQueryHandler(
            satisfaction.on_satisfaction_button, pattern=callbacks.SATISFACTION_PATTERN
        )
    )
    app.add_handler(MessageHandler(filters.COMMAND, common.on_unknown_command))
    app.add_handler(
        MessageHandler(filters.TEXT & filters.ChatType.PRIVATE, routing.on_private_text)
    )
    app.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & (filters.PHOTO | filters.Document.ALL),
            documents.on_private_media,
        )
    )
    app.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & ~filters.TEXT, common.on_unsupported_message)
    )
    # Last: any button nobody above understood (old or forged data).
    app.add_handler(CallbackQueryHandler(common.on_stale_button))
    register_followers(app)
    app.add_error_handler(errors.on_error)


async def on_startup(app: CounselApp) -> None:
    """Once the bot is initialized: publish the command menus (parents; each staff member)."""
    commands = [BotCommand(name, description) for name, description in texts.COMMANDS_PARENT]
    await app.bot.set_my_commands(commands, scope=BotCommandScopeAllPrivateChats())
    services: Services = app.bot_data[SERVICES_KEY]
    async with services.database.uow() as uow:
        members = await uow.staff.list_active()
    for member in members:
        await staff.publish_staff_menu(app.bot, member.telegram_id)
    logger.info("bot ready as @%s", app.bot.username)
